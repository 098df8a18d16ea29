import ArgumentParser
import CallVaultCore
import CallVaultRetention
import Foundation

extension Retention {
    /// `callvault retention schedule`: when one recording may, must and will be deleted, and why.
    ///
    /// It runs the same scheduler a host's retention store runs, on attributes given on the command
    /// line, so an operator can check a policy file or a regime before deploying it.
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute when a recording may, must and will be deleted, and why.",
            discussion: """
                Give the end of the call, the regimes the host declares for it (--regime, repeatable: the \
                ids `callvault retention regimes` lists) and where its parties were (--jurisdiction, \
                repeatable). --regime may be left out when --jurisdiction is given: the rules of each \
                place apply automatically (the GDPR and ePrivacy in the EU, the CNIL's six months in \
                FR), limited to their purposes when they name some. Without --purpose, such rules apply \
                whatever the purpose; without --jurisdiction, the place is unknown and only declared \
                regimes and policies apply. For example:

                  callvault retention schedule --regime eu-mifid2-16-7 --jurisdiction FR \\
                      --purpose quality --purpose legal-regulatory \\
                      --started-at 2026-01-15T10:00:00Z --ended-at 2026-01-15T10:05:00Z

                Minimums count from the end of the call and round later, maximums from its start and \
                round earlier. A legal minimum that outlasts a maximum wins and the recording is \
                restricted from the maximum on; a business or practice minimum yields to the maximum. \
                Times are ISO 8601 with Z or an offset (2026-01-15T10:00:00Z, 2026-01-15T11:00:00+01:00) \
                and are printed in UTC. --policies reads the host's policies as JSON: \
                {"version": "...", "policies": [{"id": "...", "name": "...", "match": {"queues": ["sales"]}, \
                "maximum": "P2Y"}]}; --tag, --queue and --line-of-business are what their matches see.

                Exit status: 0 computed; 1 an unknown regime, or a catalog or policy file that is \
                unreadable or invalid (the message names the line or policy); 64 usage error (a bad \
                date, jurisdiction, purpose or rule id).
                """
        )

        @Option(
            name: .customLong("regime"),
            help: ArgumentHelp(
                "A catalog regime the host declares for the recording, such as eu-mifid2-16-7; repeat for more.",
                valueName: "id"),
            transform: { text throws(RetentionArgumentError) in try RetentionArgument.ruleID(text) })
        var regimes: [RetentionRuleID] = []

        @Option(
            name: .customLong("jurisdiction"),
            help: ArgumentHelp(
                "Where a party was: an ISO 3166-1 country (FR), an ISO 3166-2 subdivision (US-PA) or unknown; repeat for each place.",
                valueName: "code"),
            transform: { text throws(RetentionArgumentError) in try RetentionArgument.place(text) })
        var jurisdictions: [Jurisdiction] = []

        @Option(
            name: .customLong("purpose"),
            help: ArgumentHelp(
                "Why the recording is kept (quality, training, dispute-resolution, legal-regulatory, customer-request or your own); repeat for more.",
                valueName: "purpose"),
            transform: { text throws(RetentionArgumentError) in try RetentionArgument.purpose(text) })
        var purposes: [Purpose] = []

        @Option(
            name: .customLong("tag"),
            help: ArgumentHelp("A host label on the recording; repeat for more.", valueName: "tag"))
        var tags: [String] = []

        @Option(help: ArgumentHelp("The queue the call came through.", valueName: "queue"))
        var queue: String?

        @Option(help: ArgumentHelp("The line of business, such as retail-banking.", valueName: "name"))
        var lineOfBusiness: String?

        @Option(help: ArgumentHelp("The host's retention policies, a JSON file (see above).", valueName: "file"))
        var policies: String?

        @OptionGroup var catalogOptions: RetentionCatalogOptions

        @Option(
            help: ArgumentHelp("When the call started (default: when it ended).", valueName: "time"),
            transform: { text throws(RetentionArgumentError) in try RetentionArgument.instant(text) })
        var startedAt: Date?

        @Option(
            help: ArgumentHelp("When the call ended, such as 2026-01-15T10:05:00Z.", valueName: "time"),
            transform: { text throws(RetentionArgumentError) in try RetentionArgument.instant(text) })
        var endedAt: Date

        @Flag(help: "Print JSON (stable keys, for scripts).")
        var json = false

        func validate() throws {
            guard !regimes.isEmpty || !jurisdictions.isEmpty else {
                throw ValidationError(
                    "Give at least one --regime ID or --jurisdiction CODE, such as --regime eu-mifid2-16-7 --jurisdiction FR."
                )
            }
            if let startedAt, startedAt > endedAt {
                throw ValidationError(
                    "--started-at \(CivilTime.iso8601(startedAt)) is after --ended-at \(CivilTime.iso8601(endedAt)); a call ends after it starts."
                )
            }
        }

        func run() throws {
            try reportingFailures {
                let catalog = try catalogOptions.load()
                let scheduler = try Self.scheduler(catalog: catalog, policiesAt: policies)
                let attributes = RecordingRetentionAttributes(
                    recordingID: RecordingID(), startedAt: startedAt ?? endedAt, endedAt: endedAt,
                    jurisdictions: Self.distinct(jurisdictions), declaredRegimes: Self.distinct(regimes),
                    purposes: Set(purposes), tags: Set(tags), queue: queue, lineOfBusiness: lineOfBusiness)
                let schedule: RetentionSchedule
                do {
                    schedule = try scheduler.schedule(for: attributes)
                } catch let error as RetentionScheduleError where error.code == .unknownRegime {
                    guard case .unknownRegime(let id, _) = error.reason else { throw error }
                    // The library's message names the recording, whose id this command made up.
                    throw RetentionCommandError.unknownRegime(id, in: catalog)
                }
                try ToolDates.requireWritable(
                    [
                        ("keep-until date", schedule.keepUntil), ("legal keep-until date", schedule.legalKeepUntil),
                        ("delete-by date", schedule.deleteBy), ("deletion time", schedule.deleteAt),
                        ("write-once date", schedule.writeOnceUntil), ("restriction date", schedule.restrictedFrom),
                    ]
                        + schedule.conflicts.flatMap {
                            [("conflict's end", $0.minimumEnds), ("conflict's end", $0.maximumEnds)]
                        },
                    workedOutFrom: "--ended-at", endedAt)
                for id in attributes.declaredRegimes {
                    if let note = Self.noScheduleNote(for: catalog.regime(id)) { Terminal.note(note) }
                }
                print(
                    json
                        ? try RetentionScheduleReport(schedule).json()
                        : RetentionScheduleReport.text(
                            for: schedule, of: attributes, purposes: Self.distinct(purposes),
                            ruleNames: scheduler.ruleNames))
            }
        }

        /// The scheduler for the catalog and the host's policies; a policy that takes a regime's id
        /// is reported against the policy file.
        static func scheduler(catalog: RetentionCatalog, policiesAt path: String?) throws -> RetentionScheduler {
            let policySet = try RetentionInputFile.policies(at: path)
            do {
                return try RetentionScheduler(catalog: catalog, policies: policySet)
            } catch let error as RetentionScheduleError {
                guard let path else { throw error }
                throw RetentionInputFileError.policiesAgainstCatalog(path: path, error)
            }
        }

        /// A note for a declared regime that cannot change a schedule (the scheduler applies it
        /// without a word): card-data rules act on flagged ranges, reference rules elsewhere.
        static func noScheduleNote(for regime: RetentionRegime?) -> String? {
            guard let regime else { return nil }
            return switch regime.applicability {
            case .cardData:
                "note: \(regime.id) applies to flagged card-data ranges, which this command does not take; it does not change the schedule."
            case .reference:
                "note: \(regime.id) is a duty carried out elsewhere (such as legal holds); it does not change the schedule."
            case .declared, .jurisdiction:
                nil
            }
        }

        /// The values in command-line order, each once: a repeated --regime would otherwise be
        /// applied, and explained, twice.
        static func distinct<Value: Equatable>(_ values: [Value]) -> [Value] {
            var seen: [Value] = []
            for value in values where !seen.contains(value) { seen.append(value) }
            return seen
        }
    }
}
