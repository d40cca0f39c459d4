/**
 * Authentication and the caller's identity: JWT bearer tokens (an OIDC provider in production, the
 * local issuer in the embedded run and tests), roles and unit taken from the token's claims.
 */
package pl.krakow.coi.servicedesk.platform.security;
