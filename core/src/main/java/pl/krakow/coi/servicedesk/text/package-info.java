/**
 * Polish text analysis shared by routing and search: folding of diacritics, stemming that tolerates
 * text written without diacritics and in any inflection, identifiers kept whole.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package pl.krakow.coi.servicedesk.text;

import org.springframework.modulith.ApplicationModule;
