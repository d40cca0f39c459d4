package pl.krakow.coi.servicedesk.licence.domain;

/**
 * A text that refuses to be read more than a budget of characters: a regular expression with catastrophic
 * backtracking, written by an admin, gives up on one name instead of hanging the normalisation.
 */
final class BoundedCharSequence implements CharSequence {

    /** The budget was spent. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("pattern too expensive for this name", null, false, false);
        }
    }

    private final String text;
    private final int[] budget;
    private final int start;
    private final int end;

    BoundedCharSequence(String text, int budget) {
        this(text, new int[] {budget}, 0, text.length());
    }

    private BoundedCharSequence(String text, int[] budget, int start, int end) {
        this.text = text;
        this.budget = budget;
        this.start = start;
        this.end = end;
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new BoundedCharSequence(text, budget, start + from, start + to);
    }

    @Override
    public String toString() {
        return text.substring(start, end);
    }
}
