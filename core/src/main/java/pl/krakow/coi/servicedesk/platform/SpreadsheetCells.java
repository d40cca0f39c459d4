package pl.krakow.coi.servicedesk.platform;

import java.util.regex.Pattern;

/**
 * Makes text safe for a cell of a CSV file opened in a spreadsheet (CSV injection, OWASP): a cell that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is read as a formula
 * by Excel and LibreOffice, so it gets a leading single quote and is shown as the text it is. A number
 * ({@code -15}, {@code +2.5}, {@code 1e3}) is left alone: a spreadsheet reads it as a number, never as a
 * formula, and a negative duration must stay a number.
 */
public final class SpreadsheetCells {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private SpreadsheetCells() {}

    /** {@code cell}, prefixed with {@code '} if a spreadsheet would take it for a formula; null stays null. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty() || !startsLikeAFormula(cell.charAt(0))) {
            return cell;
        }
        return NUMBER.matcher(cell).matches() ? cell : "'" + cell;
    }

    private static boolean startsLikeAFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
