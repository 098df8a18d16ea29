import ArgumentParser
import CallVaultRetention
import Foundation

extension Retention {
    /// `callvault retention regimes`: the catalog's rules, so an operator can find the id to declare
    /// and see what each rule asks before scheduling a recording under it.
    struct Regimes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the retention rules in the catalog: where each binds and how long it keeps recordings.",
            discussion: """
                Periods are ISO 8601 (P5Y five years, P6M six months, P90D ninety days; P0D none kept). \
                A minimum counts from the end of a call, a maximum from its start. APPLIES says how a rule \
                reaches a recording: declared (the host names it with schedule --regime, because it turns \
                on the firm's regulated activity), jurisdiction (automatic for recordings made there), \
                card-data (card security codes, removed at once) or reference (a duty carried out \
                elsewhere, such as legal holds). --json adds each rule's purposes and sources.

                Exit status: 0 listed; 1 the catalog file is unreadable or invalid (the message names \
                the line); 64 usage error.
                """
        )

        @OptionGroup var catalogOptions: RetentionCatalogOptions

        @Flag(help: "Print JSON (stable keys, for scripts).")
        var json = false

        func run() throws {
            try reportingFailures {
                let catalog = try catalogOptions.load()
                print(json ? try RetentionRegimesReport(catalog).json() : RetentionRegimesReport.text(for: catalog))
            }
        }
    }
}
