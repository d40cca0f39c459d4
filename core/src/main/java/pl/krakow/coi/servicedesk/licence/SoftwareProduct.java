package pl.krakow.coi.servicedesk.licence;

/**
 * A product of the software catalogue, e.g. Microsoft / Office Professional Plus 2019.
 *
 * @param licenceRequired false for free software (never "unlicensed")
 * @param version optimistic-lock version (the ETag)
 */
public record SoftwareProduct(
        long id, String publisher, String name, boolean licenceRequired, String description, long version) {}
