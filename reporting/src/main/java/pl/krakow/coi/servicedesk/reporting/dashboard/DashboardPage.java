package pl.krakow.coi.servicedesk.reporting.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the dashboard page ({@code static/dashboard/index.html}) at {@code /dashboard/}. */
@Controller
class DashboardPage {

    @GetMapping({"/dashboard", "/dashboard/"})
    String dashboard() {
        return "forward:/dashboard/index.html";
    }
}
