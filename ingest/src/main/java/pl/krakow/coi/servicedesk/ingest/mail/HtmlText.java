package pl.krakow.coi.servicedesk.ingest.mail;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML mail to plain text with jsoup: scripts, styles and hidden elements dropped, block elements and {@code <br>} as
 * line breaks, list items marked, links kept as "text (url)" where the url says more than the text, entities decoded,
 * no markup left. Also removes the quoted history that mail clients mark in their HTML.
 */
final class HtmlText {

    private static final Set<String> DROPPED = Set.of(
            "script",
            "style",
            "head",
            "title",
            "meta",
            "link",
            "noscript",
            "template",
            "svg",
            "object",
            "embed",
            "iframe",
            "xml",
            "canvas",
            "audio",
            "video",
            "select",
            "button");

    private static final Set<String> BLOCKS = Set.of(
            "div",
            "p",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "li",
            "table",
            "tr",
            "blockquote",
            "pre",
            "hr",
            "dl",
            "dt",
            "dd",
            "address",
            "section",
            "article",
            "header",
            "footer",
            "center",
            "form",
            "fieldset",
            "figure",
            "figcaption",
            "main",
            "nav",
            "aside",
            "tbody",
            "thead",
            "tfoot",
            "caption");

    private static final Set<String> PARAGRAPHS =
            Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "ul", "ol", "dl");

    private static final Pattern HIDDEN = Pattern.compile("display\\s*:\\s*none", Pattern.CASE_INSENSITIVE);

    private static final Pattern REPLY_HEADER_START =
            Pattern.compile("^\\s*(Od|From|De|Von)\\s*:", Pattern.CASE_INSENSITIVE);

    private HtmlText() {}

    static Document parse(String html) {
        return Jsoup.parse(html == null ? "" : html);
    }

    /** The text of an HTML body. */
    static String toText(String html) {
        return toText(parse(html));
    }

    /** The text of a parsed HTML body (the document is cleaned in place). */
    static String toText(Document doc) {
        for (Element e : doc.getAllElements()) {
            if (e.parent() != null
                    && (DROPPED.contains(e.normalName())
                            || HIDDEN.matcher(e.attr("style")).find())) {
                e.remove();
            }
        }
        Writer writer = new Writer();
        NodeTraversor.traverse(writer, doc.body() == null ? doc : doc.body());
        return MailText.normalise(writer.out.toString());
    }

    /** The {@code cid:} references of an HTML body (Content-IDs, lower-cased, without brackets). */
    static Set<String> cids(String html) {
        Set<String> cids = new LinkedHashSet<>();
        if (html == null || !html.toLowerCase(Locale.ROOT).contains("cid:")) {
            return cids;
        }
        for (Element e : parse(html).select("[src^=cid:], [href^=cid:], [background^=cid:]")) {
            for (String attribute : new String[] {"src", "href", "background"}) {
                String value = e.attr(attribute).strip();
                if (value.regionMatches(true, 0, "cid:", 0, 4)) {
                    cids.add(MailIds.bare(value.substring(4)).toLowerCase(Locale.ROOT));
                }
            }
        }
        return cids;
    }

    /**
     * Removes the quoted history the clients mark: Gmail's {@code div.gmail_quote}, Thunderbird's and Apple Mail's
     * {@code blockquote type=cite} (with Thunderbird's {@code moz-cite-prefix}), Outlook's {@code #divRplyFwdMsg} /
     * {@code #appendonsend} / the bordered "From:" block of Word HTML and everything after them, Yahoo's
     * {@code yahoo_quoted}.
     *
     * @return whether anything was removed
     */
    static boolean removeQuotes(Document doc) {
        boolean removed = false;
        for (Element e : doc.select(
                "div.gmail_quote, blockquote.gmail_quote, div.gmail_quote_container, "
                        + "div.moz-cite-prefix, blockquote[type=cite], div.yahoo_quoted, div#mail-editor-reference-message-container")) {
            if (e.parent() != null) {
                e.remove();
                removed = true;
            }
        }
        Element outlook = doc.selectFirst("#appendonsend, [id$=divRplyFwdMsg], div.OutlookMessageHeader, "
                + "[id$=ms-outlook-mobile-body-separator-line]");
        if (outlook == null) {
            for (Element div : doc.select("div[style*=border-top]")) {
                if (REPLY_HEADER_START.matcher(div.text()).find()) {
                    outlook = div;
                    break;
                }
            }
        }
        if (outlook != null) {
            cutFrom(outlook);
            removed = true;
        }
        return removed;
    }

    // Removes the element, everything after it, and everything after each of its ancestors.
    private static void cutFrom(Element start) {
        Element current = start;
        while (current != null
                && current.parent() != null
                && !current.normalName().equals("body")) {
            Node next = current.nextSibling();
            while (next != null) {
                Node following = next.nextSibling();
                next.remove();
                next = following;
            }
            Element parent = current.parent();
            if (current == start) {
                current.remove();
            }
            current = parent;
        }
    }

    private static final class Writer implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int pre;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                appendText(text.getWholeText());
            } else if (node instanceof Element e) {
                String name = e.normalName();
                if (name.equals("br")) {
                    out.append('\n');
                } else if (name.equals("pre")) {
                    pre++;
                    paragraph(e);
                } else if (name.equals("li")) {
                    newline();
                    Element list = e.parent();
                    if (list != null && list.normalName().equals("ol")) {
                        int index = 1;
                        for (Element sibling = e.previousElementSibling();
                                sibling != null;
                                sibling = sibling.previousElementSibling()) {
                            if (sibling.normalName().equals("li")) {
                                index++;
                            }
                        }
                        out.append(index).append(". ");
                    } else {
                        out.append("- ");
                    }
                } else if ((name.equals("td") || name.equals("th")) && e.previousElementSibling() != null) {
                    if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                        out.append(' ');
                    }
                } else if (BLOCKS.contains(name)) {
                    paragraph(e);
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element e)) {
                return;
            }
            String name = e.normalName();
            if (name.equals("pre")) {
                pre--;
            }
            if (name.equals("a")) {
                link(e);
            } else if (name.equals("li")) {
                newline();
            } else if (BLOCKS.contains(name)) {
                paragraph(e);
            }
        }

        private void paragraph(Element e) {
            // Word's paragraphs (class MsoNormal) have no margins: they are lines, not paragraphs.
            if (PARAGRAPHS.contains(e.normalName()) && !e.hasClass("MsoNormal")) {
                blankLine();
            } else {
                newline();
            }
        }

        private void link(Element a) {
            String href = a.attr("href").strip();
            if (href.isEmpty() || href.startsWith("#")) {
                return;
            }
            String lower = href.toLowerCase(Locale.ROOT);
            if (lower.startsWith("cid:") || lower.startsWith("javascript:") || lower.startsWith("data:")) {
                return;
            }
            String url = href;
            if (lower.startsWith("mailto:")) {
                url = href.substring(7);
                int query = url.indexOf('?');
                url = query >= 0 ? url.substring(0, query) : url;
            } else if (lower.startsWith("tel:")) {
                url = href.substring(4);
            }
            String text = a.text().strip();
            if (text.isEmpty() || text.equalsIgnoreCase(url) || text.equalsIgnoreCase(href) || url.isEmpty()) {
                return;
            }
            String bare = url.replaceFirst("(?i)^https?://", "").replaceFirst("/$", "");
            if (text.equalsIgnoreCase(bare)) {
                return;
            }
            out.append(" (").append(url).append(')');
        }

        private void appendText(String text) {
            if (pre > 0) {
                out.append(text);
                return;
            }
            String collapsed = text.replaceAll("[ \\t\\n\\r\\f]+", " ");
            if (out.isEmpty() || out.charAt(out.length() - 1) == '\n' || out.charAt(out.length() - 1) == ' ') {
                collapsed = collapsed.stripLeading();
            }
            out.append(collapsed);
        }

        private void newline() {
            trimTrailingSpaces();
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        private void blankLine() {
            newline();
            if (!out.isEmpty() && !(out.length() >= 2 && out.charAt(out.length() - 2) == '\n')) {
                out.append('\n');
            }
        }

        private void trimTrailingSpaces() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
        }
    }
}
