package pl.krakow.coi.servicedesk.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

/**
 * The versioned SLA configuration: calendars and policies as of any revision (cached, since a
 * revision never changes), and the append-only writes of new revisions.
 */
@Repository
class SlaConfigurations {

    private static final int CACHE_LIMIT = 64;

    private final JdbcClient jdbc;
    private final Map<Long, SlaRuleSet> cache = new ConcurrentHashMap<>();

    SlaConfigurations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long currentRevision() {
        return jdbc.sql("SELECT max(revision) FROM sla_config_revision")
                .query(Long.class)
                .single();
    }

    /** The configuration as of {@code revision}. */
    SlaRuleSet at(long revision) {
        SlaRuleSet cached = cache.get(revision);
        if (cached != null) {
            return cached;
        }
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        for (String code : latestCodes("sla_calendar", revision, false)) {
            calendars.put(code, loadCalendar(code, latest("sla_calendar", code, revision)));
        }
        List<SlaPolicy> policies = new ArrayList<>();
        for (String code : latestCodes("sla_policy", revision, true)) {
            policies.add(loadPolicy(code, latest("sla_policy", code, revision)));
        }
        SlaRuleSet ruleSet = new SlaRuleSet(revision, calendars, policies);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(revision, ruleSet);
        return ruleSet;
    }

    List<Versioned<BusinessCalendar>> calendars() {
        long revision = currentRevision();
        return latestCodes("sla_calendar", revision, false).stream()
                .map(code -> calendar(code).orElseThrow())
                .toList();
    }

    Optional<Versioned<BusinessCalendar>> calendar(String code) {
        return jdbc.sql("""
                        SELECT c.revision, r.changed_by, r.changed_at FROM sla_calendar c
                        JOIN sla_config_revision r ON r.revision = c.revision
                        WHERE c.code = :code ORDER BY c.revision DESC LIMIT 1
                        """)
                .param("code", code)
                .query((rs, n) -> new Versioned<>(
                        loadCalendar(code, rs.getLong("revision")),
                        rs.getLong("revision"),
                        rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()))
                .optional();
    }

    List<Versioned<SlaPolicy>> policies() {
        long revision = currentRevision();
        return latestCodes("sla_policy", revision, true).stream()
                .map(code -> policy(code).orElseThrow())
                .toList();
    }

    /** The policy's latest revision, unless that revision deleted it. */
    Optional<Versioned<SlaPolicy>> policy(String code) {
        return jdbc.sql("""
                        SELECT p.revision, p.deleted, r.changed_by, r.changed_at FROM sla_policy p
                        JOIN sla_config_revision r ON r.revision = p.revision
                        WHERE p.code = :code ORDER BY p.revision DESC LIMIT 1
                        """)
                .param("code", code)
                .query((rs, n) -> new Latest(
                        rs.getLong("revision"),
                        rs.getBoolean("deleted"),
                        rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()))
                .optional()
                .filter(latest -> !latest.deleted())
                .map(latest -> new Versioned<>(
                        loadPolicy(code, latest.revision()),
                        latest.revision(),
                        latest.changedBy(),
                        latest.changedAt()));
    }

    private record Latest(long revision, boolean deleted, String changedBy, Instant changedAt) {}

    /** Whether a policy of this code ever existed (a deleted code is not reused). */
    boolean policyCodeUsed(String code) {
        return jdbc.sql("SELECT count(*) FROM sla_policy WHERE code = :code")
                        .param("code", code)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Serialises configuration changes (they are rare): held until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockForChange() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('sla-configuration'))")
                .query((rs, n) -> 1)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    long newRevision(String kind, String code, String action, String changedBy, Instant at, String summary) {
        return jdbc.sql("""
                        INSERT INTO sla_config_revision (kind, code, action, changed_by, changed_at, summary)
                        VALUES (:kind, :code, :action, :by, :at, :summary) RETURNING revision
                        """)
                .param("kind", kind)
                .param("code", code)
                .param("action", action)
                .param("by", changedBy)
                .param("at", Timestamp.from(at))
                .param("summary", summary)
                .query(Long.class)
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insertCalendar(BusinessCalendar calendar, long revision) {
        jdbc.sql("""
                        INSERT INTO sla_calendar (code, revision, name, zone, polish_holidays)
                        VALUES (:code, :revision, :name, :zone, :holidays)
                        """)
                .param("code", calendar.code())
                .param("revision", revision)
                .param("name", calendar.name())
                .param("zone", calendar.zone().getId())
                .param("holidays", calendar.polishHolidays())
                .update();
        calendar.weeklyHours()
                .forEach((day, hours) -> jdbc.sql("""
                        INSERT INTO sla_calendar_hours (code, revision, weekday, opens_minute, closes_minute)
                        VALUES (:code, :revision, :weekday, :opens, :closes)
                        """)
                        .param("code", calendar.code())
                        .param("revision", revision)
                        .param("weekday", day.getValue())
                        .param("opens", hours.opensMinute())
                        .param("closes", hours.closesMinute())
                        .update());
        for (BusinessCalendar.ExtraDay day : calendar.extraDays()) {
            jdbc.sql("""
                            INSERT INTO sla_calendar_day (code, revision, day, opens_minute, closes_minute, note)
                            VALUES (:code, :revision, :day, :opens, :closes, :note)
                            """)
                    .param("code", calendar.code())
                    .param("revision", revision)
                    .param("day", day.date())
                    .param("opens", day.isOpen() ? day.hours().opensMinute() : null)
                    .param("closes", day.isOpen() ? day.hours().closesMinute() : null)
                    .param("note", day.note())
                    .update();
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insertPolicy(SlaPolicy policy, long revision, boolean deleted) {
        jdbc.sql("""
                        INSERT INTO sla_policy (code, revision, name, category_code, customer_unit, response_calendar,
                            resolution_calendar, deleted)
                        VALUES (:code, :revision, :name, :category, :unit, :response, :resolution, :deleted)
                        """)
                .param("code", policy.code())
                .param("revision", revision)
                .param("name", policy.name())
                .param("category", policy.scope().categoryCode())
                .param("unit", policy.scope().customerUnit())
                .param("response", policy.responseCalendar())
                .param("resolution", policy.resolutionCalendar())
                .param("deleted", deleted)
                .update();
        policy.targets()
                .forEach((priority, targets) -> jdbc.sql("""
                        INSERT INTO sla_policy_target (code, revision, priority, response_minutes, resolution_minutes)
                        VALUES (:code, :revision, :priority, :response, :resolution)
                        """)
                        .param("code", policy.code())
                        .param("revision", revision)
                        .param("priority", priority.name())
                        .param("response", targets.response().toMinutes())
                        .param("resolution", targets.resolution().toMinutes())
                        .update());
    }

    /** The configuration changes after {@code fromExclusive} up to {@code toInclusive}, oldest first. */
    List<ConfigRevision> revisions(long fromExclusive, long toInclusive) {
        return jdbc.sql("""
                        SELECT * FROM sla_config_revision WHERE revision > :from AND revision <= :to
                        ORDER BY revision
                        """)
                .param("from", fromExclusive)
                .param("to", toInclusive)
                .query(SlaConfigurations::revision)
                .list();
    }

    /** The latest configuration changes, newest first. */
    List<ConfigRevision> history(int limit) {
        return jdbc.sql("SELECT * FROM sla_config_revision ORDER BY revision DESC LIMIT :limit")
                .param("limit", limit)
                .query(SlaConfigurations::revision)
                .list();
    }

    private static ConfigRevision revision(ResultSet rs, int row) throws SQLException {
        return new ConfigRevision(
                rs.getLong("revision"),
                rs.getString("kind"),
                rs.getString("code"),
                rs.getString("action"),
                rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getString("summary"));
    }

    /** The codes present as of {@code revision} (for policies: not deleted by their latest revision). */
    private List<String> latestCodes(String table, long revision, boolean skipDeleted) {
        return jdbc
                .sql("SELECT DISTINCT ON (code) code" + (skipDeleted ? ", deleted" : ", false AS deleted") + " FROM "
                        + table + " WHERE revision <= :revision ORDER BY code, revision DESC")
                .param("revision", revision)
                .query((rs, n) -> rs.getBoolean("deleted") ? null : rs.getString("code"))
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private long latest(String table, String code, long revision) {
        return jdbc.sql("SELECT max(revision) FROM " + table + " WHERE code = :code AND revision <= :revision")
                .param("code", code)
                .param("revision", revision)
                .query(Long.class)
                .single();
    }

    private BusinessCalendar loadCalendar(String code, long revision) {
        Map<DayOfWeek, OpeningHours> week = new EnumMap<>(DayOfWeek.class);
        jdbc.sql("SELECT * FROM sla_calendar_hours WHERE code = :code AND revision = :revision")
                .param("code", code)
                .param("revision", revision)
                .query((rs, n) -> week.put(
                        DayOfWeek.of(rs.getInt("weekday")),
                        new OpeningHours(rs.getInt("opens_minute"), rs.getInt("closes_minute"))))
                .list();
        List<BusinessCalendar.ExtraDay> days = jdbc.sql(
                        "SELECT * FROM sla_calendar_day WHERE code = :code AND revision = :revision ORDER BY day")
                .param("code", code)
                .param("revision", revision)
                .query((rs, n) -> {
                    Integer opens = rs.getObject("opens_minute", Integer.class);
                    return new BusinessCalendar.ExtraDay(
                            rs.getObject("day", java.time.LocalDate.class),
                            opens == null ? null : new OpeningHours(opens, rs.getInt("closes_minute")),
                            rs.getString("note"));
                })
                .list();
        return jdbc.sql("SELECT * FROM sla_calendar WHERE code = :code AND revision = :revision")
                .param("code", code)
                .param("revision", revision)
                .query((rs, n) -> new BusinessCalendar(
                        code,
                        rs.getString("name"),
                        ZoneId.of(rs.getString("zone")),
                        week,
                        rs.getBoolean("polish_holidays"),
                        days))
                .single();
    }

    private SlaPolicy loadPolicy(String code, long revision) {
        Map<Priority, TargetDurations> targets = new EnumMap<>(Priority.class);
        jdbc.sql("SELECT * FROM sla_policy_target WHERE code = :code AND revision = :revision")
                .param("code", code)
                .param("revision", revision)
                .query((rs, n) -> targets.put(
                        Priority.valueOf(rs.getString("priority")),
                        TargetDurations.of(
                                Duration.ofMinutes(rs.getInt("response_minutes")),
                                Duration.ofMinutes(rs.getInt("resolution_minutes")))))
                .list();
        return jdbc.sql("SELECT * FROM sla_policy WHERE code = :code AND revision = :revision")
                .param("code", code)
                .param("revision", revision)
                .query((rs, n) -> new SlaPolicy(
                        code,
                        rs.getString("name"),
                        new SlaPolicy.Scope(rs.getString("category_code"), rs.getString("customer_unit")),
                        rs.getString("response_calendar"),
                        rs.getString("resolution_calendar"),
                        targets))
                .single();
    }
}
