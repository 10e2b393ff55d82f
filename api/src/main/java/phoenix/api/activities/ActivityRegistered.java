package phoenix.api.activities;

import java.util.UUID;

public record ActivityRegistered(UUID activityId, ActivityDetails details) {
}
