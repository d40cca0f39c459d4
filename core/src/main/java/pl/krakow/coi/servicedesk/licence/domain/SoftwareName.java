package pl.krakow.coi.servicedesk.licence.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** Raw software names as reported, made comparable: control characters dropped, spaces collapsed, trimmed. */
public final class SoftwareName {

    public static final int MAX_LENGTH = 500;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private SoftwareName() {}

    /** {@code "LibreOffice 7.4.7.2 "} → {@code "LibreOffice 7.4.7.2"}; empty for a blank name. */
    public static Optional<String> clean(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String cleaned = SPACES.matcher(CONTROL.matcher(raw).replaceAll(""))
                .replaceAll(" ")
                .strip();
        if (cleaned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH).strip() : cleaned);
    }
}
