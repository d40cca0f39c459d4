package pl.krakow.coi.servicedesk.catalogue;

/** A category was added or changed (routing retrains on it). */
public record CatalogueChanged(String categoryCode) {}
