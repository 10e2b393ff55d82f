package phoenix.api.activities;

import java.util.UUID;

public record ActivityDetailsChanged(UUID activityId, ActivityDetails details) {
}
