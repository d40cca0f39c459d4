/**
 * Polish text analysis shared by routing and search: folding of diacritics, stemming that tolerates
 * text written without diacritics and in any inflection, identifiers kept whole.
 */
package pl.krakow.coi.servicedesk.text;
