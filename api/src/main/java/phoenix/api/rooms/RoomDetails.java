package phoenix.api.rooms;

/**
 * What describes a room. {@code capacity} is how many children may be in it at once; {@code category} is free text
 * such as "Gruppenraum", "Turnhalle", "Schulhof".
 */
public record RoomDetails(String name, String building, Integer floor, int capacity, String category) {
}
