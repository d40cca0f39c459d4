/**
 * The rules of the licence register, free of frameworks: how raw software names become catalogue products,
 * what each licence metric counts, and how a product's compliance position follows from entitlements and
 * consumption.
 */
@NamedInterface("domain")
package pl.krakow.coi.servicedesk.licence.domain;

import org.springframework.modulith.NamedInterface;
