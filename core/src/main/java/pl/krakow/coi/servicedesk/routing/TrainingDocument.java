package pl.krakow.coi.servicedesk.routing;

/**
 * A text known to belong to a category: a catalogue name or keyword, a training example, or a past
 * ticket (then {@code ticketNumber} says which).
 */
record TrainingDocument(String categoryCode, String text, double weight, String ticketNumber) {}
