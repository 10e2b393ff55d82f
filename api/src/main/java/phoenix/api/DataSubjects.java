package phoenix.api;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the {@link DataSubject}s of a message: the ids of the people it is about. */
public final class DataSubjects {

    private static final Map<Class<?>, List<RecordComponent>> subjectComponents = new ConcurrentHashMap<>();

    private DataSubjects() {
    }

    public static List<UUID> of(Object message) {
        if (message == null || !message.getClass().isRecord()) {
            return List.of();
        }
        List<UUID> subjects = new ArrayList<>();
        for (RecordComponent component : subjectComponents.computeIfAbsent(message.getClass(), DataSubjects::inspect)) {
            Object value = read(component, message);
            if (value instanceof UUID id) {
                subjects.add(id);
            } else if (value instanceof String text) {
                subjects.add(UUID.fromString(text));
            } else if (value instanceof Iterable<?> ids) {
                ids.forEach(id -> subjects.add(id instanceof UUID uuid ? uuid : UUID.fromString(id.toString())));
            }
        }
        return subjects;
    }

    private static List<RecordComponent> inspect(Class<?> type) {
        List<RecordComponent> components = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                components.add(component);
            }
        }
        return List.copyOf(components);
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }
}
