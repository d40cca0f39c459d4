package pl.krakow.coi.servicedesk.cmdb;

/**
 * Published within the transaction when a duplicate was merged into a surviving item; listeners move what
 * they hold for the duplicate (installations, licence assignments) to the survivor.
 */
public record ConfigurationItemsMerged(long survivorId, long duplicateId) {}
