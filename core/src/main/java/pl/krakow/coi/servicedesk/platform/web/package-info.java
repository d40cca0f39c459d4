/** Web conventions shared by every REST adapter: RFC 9457 problem details with stable types. */
package pl.krakow.coi.servicedesk.platform.web;
