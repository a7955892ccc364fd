import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import Logging
import Prometheus

/// `/metrics` in Prometheus' text format, and `/healthz`.
///
/// The figures are read from the ledger and the daemon's last pass at each scrape, into a registry made for that
/// scrape: the ledger is the truth (another instance, or `convenor ledger retry`, may change it), so nothing is
/// counted twice or kept stale in memory.
struct MetricsRoute: Sendable {
    let environment: WebEnvironment

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/metrics") { _, _ in await metrics() }
        router.get("/healthz") { _, _ in await health() }
    }

    func metrics() async -> Response {
        let registry = PrometheusCollectorRegistry()
        let entries: [LedgerEntry]
        do {
            entries = try await environment.ledger.entries()
        } catch {
            environment.logger.error("metrics: cannot read the ledger", metadata: ["error": "\(error)"])
            return HTML.body(
                "the ledger cannot be read\n",
                contentType: "text/plain; charset=utf-8",
                status: .serviceUnavailable
            )
        }
        var counts: [LedgerState: Int] = [:]
        for entry in entries { counts[entry.state, default: 0] += 1 }
        let waiting = (counts[.scheduled] ?? 0) + (counts[.claimed] ?? 0) + (counts[.deferred] ?? 0)
        Self.gauge(registry, "mailings_sent", help: "Mailings the relay accepted (ledger rows sent).")
            .set(Int64(counts[.sent] ?? 0))
        Self.gauge(registry, "mailings_failed", help: "Mailings that failed for good (the operator was told).")
            .set(Int64(counts[.failed] ?? 0))
        Self.gauge(registry, "mailings_missed", help: "Mailings never sent because they went stale.")
            .set(Int64(counts[.missed] ?? 0))
        Self.gauge(
            registry,
            "mailings_waiting",
            help: "Mailings known to the ledger and not yet sent (scheduled, claimed, deferred)."
        ).set(Int64(waiting))
        for state in LedgerState.allCases {
            Self.gauge(registry, "mailings", labels: [("state", state.rawValue)], help: "Ledger rows by state.")
                .set(Int64(counts[state] ?? 0))
        }
        let config = environment.config
        Self.gauge(registry, "groups", help: "Groups in the configuration the daemon uses.")
            .set(Int64(config.groups.count))
        if let pass = environment.status.lastPass {
            Self.gauge(registry, "last_pass_timestamp", unit: "seconds", help: "When the last delivery pass began.")
                .set(pass.at.timeIntervalSince1970)
            if let next = pass.result.nextWake {
                Self.gauge(
                    registry,
                    "next_due_timestamp",
                    unit: "seconds",
                    help: "When the next mailing, retry or alert is due."
                ).set(next.timeIntervalSince1970)
            }
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return HTML.body(
            String(decoding: buffer, as: UTF8.self),
            contentType: "text/plain; version=0.0.4; charset=utf-8"
        )
    }

    /// A gauge `convenor_NAME[_UNIT]` in `registry`.
    static func gauge(
        _ registry: PrometheusCollectorRegistry,
        _ name: String,
        unit: String = "",
        labels: [(String, String)] = [],
        help: String
    ) -> Gauge {
        let descriptor = MetricNameDescriptor(namespace: "convenor", metricName: name, unitName: unit, helpText: help)
        return labels.isEmpty
            ? registry.makeGauge(descriptor: descriptor) : registry.makeGauge(descriptor: descriptor, labels: labels)
    }

    /// 200 when the ledger answers; 503 otherwise, so a load balancer or monitor sees a daemon that cannot record.
    func health() async -> Response {
        do {
            _ = try await environment.ledger.schemaVersion()
            return HTML.body("ok\n", contentType: "text/plain; charset=utf-8")
        } catch {
            return HTML.body(
                "the ledger cannot be read\n",
                contentType: "text/plain; charset=utf-8",
                status: .serviceUnavailable
            )
        }
    }
}
