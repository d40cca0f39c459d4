package pl.krakow.coi.servicedesk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the statistics table of a Gatling 3.15 report (rows as Gatling wrote them in a smoke run). */
class GatlingRunTest {

    static String row(String id, String name, String... cells) {
        StringBuilder html = new StringBuilder("<tr id=\"" + id
                + "\" data-parent=\"ROOT\">\n  <td class=\"total col-1\">\n"
                + "    <div class=\"expandable-container\">\n        <a href=\"" + id
                + ".html\" class=\"withTooltip\">\n"
                + "            <span onmouseover=\"isEllipsed('stats-table-" + id + "')\" id=\"stats-table-" + id
                + "\" class=\"ellipsed-name\">" + name + "</span>\n        </a>\n"
                + "      <span class=\"value\" style=\"display:none;\">0</span>\n    </div>\n  </td>\n");
        String[] kinds = {
            "total", "ok", "ko", "ko", "total", "total", "total", "total", "total", "total", "total", "total", "total"
        };
        for (int i = 0; i < cells.length; i++) {
            html.append("  <td class=\"value ")
                    .append(kinds[i])
                    .append(" col-")
                    .append(i + 2)
                    .append("\">")
                    .append(cells[i])
                    .append("</td>\n");
        }
        return html.append("</tr>").toString();
    }

    @Test
    void readsCountsFailuresAndPercentilesOfEveryRequest() {
        String html = "<table><tbody>"
                + row(
                        "ROOT",
                        "All Requests",
                        "35",
                        "30",
                        "5",
                        "14.29",
                        "11.67",
                        "5",
                        "13",
                        "18",
                        "53",
                        "100",
                        "100",
                        "19",
                        "18")
                + "</tbody></table><table><tbody>"
                + row(
                        "req_queue-view-1863652436",
                        "queue view",
                        "9",
                        "9",
                        "0",
                        "0",
                        "3",
                        "8",
                        "12",
                        "16",
                        "97",
                        "100",
                        "100",
                        "22",
                        "28")
                + row(
                        "req_comment-950398559",
                        "comment",
                        "5",
                        "0",
                        "5",
                        "100",
                        "1.67",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-")
                + "</tbody></table>";

        Map<String, GatlingRun.Figures> rows = GatlingRun.statistics(html);

        assertThat(rows).containsOnlyKeys("All Requests", "queue view", "comment");
        assertThat(rows.get("All Requests")).isEqualTo(new GatlingRun.Figures(35, 5, 13, 53, 100));
        assertThat(rows.get("queue view")).isEqualTo(new GatlingRun.Figures(9, 0, 12, 97, 100));
        assertThat(rows.get("comment").failed()).isEqualTo(5);
        assertThat(rows.get("comment").p95()).as("no successful answer").isNaN();
    }

    @Test
    void aRowOfAnotherLayoutIsAnErrorNotAZero() {
        String html = "<tbody>" + row("ROOT", "All Requests", "35", "30", "5") + "</tbody>";

        assertThatThrownBy(() -> GatlingRun.statistics(html))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("All Requests");
    }
}
