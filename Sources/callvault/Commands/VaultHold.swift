import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultSQLite
import Foundation

/// `callvault vault hold`: legal holds.
struct VaultHold: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Place, release and list legal holds: held recordings are never deleted, whatever their schedule.",
        discussion: """
            Only the vault's hold officers (holdOfficers in vault.json) may place holds or take part \
            in releasing them; anyone else is refused with exit status 6. A release takes two \
            officers: the first 'hold release' requests it, a second, different officer's \
            'hold release' approves it. Every step is in the audit log.
            """,
        subcommands: [Place.self, Release.self, List.self]
    )

    /// `callvault vault hold place`.
    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place a legal hold on recordings.",
            discussion: """
                Prints the new hold's id. Exit status: 0 placed; 6 --by is not a hold officer; 1 an \
                unknown recording or a hold id already used; 4 wrong passphrase; 64 usage.
                """
        )

        @OptionGroup var location: VaultLocation

        @Option(help: ArgumentHelp("The matter the hold serves, such as a case number.", valueName: "matter"))
        var matter: String

        @Option(help: ArgumentHelp("Why the recordings are held.", valueName: "reason"))
        var reason: String

        @Option(
            name: .customLong("recording"),
            help: ArgumentHelp("A recording to hold; repeat for each.", valueName: "id"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.recording(text) })
        var recordings: [RecordingID]

        @Option(
            help: ArgumentHelp("The hold officer placing it.", valueName: "principal"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
        var by: PrincipalID

        @Option(help: ArgumentHelp("The hold's id (default: a new random one).", valueName: "hold"))
        var id: String?

        func validate() throws {
            guard !recordings.isEmpty else { throw ValidationError("Give at least one --recording to hold.") }
        }

        func run() async throws {
            try await reportingVaultFailures {
                try await location.withOpenedVault(.changing) { opened in
                    for recording in recordings {
                        guard try await opened.stores.catalog.recording(recording) != nil else {
                            throw VaultToolError.unknownRecording(recording)
                        }
                    }
                    let hold = try await opened.holds.place(
                        id: id.map { LegalHoldID($0) } ?? .random(), matter: matter, reason: reason,
                        scope: .recordings(Set(recordings)), by: by)
                    // Counted as the hold holds them: a recording named twice is held once.
                    let held = Set(recordings).count
                    print("placed hold \(hold.id) on \(held) recording\(held == 1 ? "" : "s") by \(by)")
                }
            }
        }
    }

    /// `callvault vault hold release`.
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request a hold's release (first officer), or approve the request (a second officer).",
            discussion: """
                Run it once as the officer asking for the release, with --reason: the hold stays in \
                force, and the output says a second officer must approve. Run it again as a \
                different officer: the release is approved and the hold stops protecting its \
                recordings. The requester cannot approve their own request.

                Exit status: 0 the step was taken; 6 --by is not a hold officer; 1 an unknown or \
                already released hold, a missing --reason, or the requester approving; 4 wrong \
                passphrase; 64 usage.
                """
        )

        @OptionGroup var location: VaultLocation

        @Argument(help: ArgumentHelp("The hold's id.", valueName: "hold"))
        var hold: String

        @Option(
            help: ArgumentHelp("The hold officer taking this step.", valueName: "principal"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
        var by: PrincipalID

        @Option(help: ArgumentHelp("Why the hold is no longer needed (the request's step).", valueName: "reason"))
        var reason: String?

        func run() async throws {
            try await reportingVaultFailures {
                let id = LegalHoldID(hold)
                try await location.withOpenedVault(.changing) { opened in
                    guard let current = try await opened.stores.retention.hold(id) else {
                        throw LegalHoldError.unknownHold(id)
                    }
                    guard current.isActive else { throw LegalHoldError.alreadyReleased(id) }
                    if let request = current.releaseRequest {
                        let released = try await opened.holds.approveRelease(id, by: by)
                        print(
                            "step 2 of 2: release of hold \(id) approved by \(by) (requested by \(request.requestedBy.escaped): \(TerminalText.field(request.reason))); "
                                + "the hold no longer protects its recordings"
                                + (released.release.map { " since \(VaultTime.text($0.releasedAt))" } ?? "") + ".")
                    } else {
                        guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                            throw VaultToolError.releaseReasonNeeded
                        }
                        try await opened.holds.requestRelease(id, by: by, reason: reason)
                        print(
                            "step 1 of 2: release of hold \(id) requested by \(by); the hold stays in force until a second hold officer approves:"
                        )
                        print("  callvault vault hold release \(id) --by OTHER-OFFICER --vault \(location.directory)")
                    }
                }
            }
        }
    }

    /// `callvault vault hold list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the active legal holds.",
            discussion:
                "Reads the retention store only: no passphrase is needed and nothing is written. The audit log is checked against the vault's anchor first (exit 2, or 3 for a log cut short)."
        )

        @OptionGroup var location: VaultLocation

        func run() async throws {
            try await reportingVaultFailures {
                _ = try location.checkedStores()
                // The holds in force: a release the audit log does not show, or a hold row gone
                // whose placement it shows, does not lift a hold.
                let holds = try await location.folder.checkedRetention().activeHolds()
                for hold in holds.sorted(by: { ($0.placedAt, $0.id.rawValue) < ($1.placedAt, $1.id.rawValue) }) {
                    print(
                        "\(TerminalText.field(hold.id))  placed \(VaultTime.text(hold.placedAt)) by \(hold.placedBy.escaped)  \(TerminalText.field(hold.matter)): \(TerminalText.field(hold.reason))"
                            + Self.scope(hold.scope)
                            + (hold.releaseRequest.map {
                                "  (release requested by \($0.requestedBy.escaped))"
                            } ?? ""))
                }
                print("\(holds.count) active hold\(holds.count == 1 ? "" : "s").")
            }
        }

        static func scope(_ scope: LegalHoldScope) -> String {
            switch scope {
            case .recordings(let ids): "  recordings \(ids.map(\.description).sorted().joined(separator: ", "))"
            case .customer(let customer): "  customer \(customer)"
            case .agent(let agent): "  agent \(agent)"
            case .timeWindow(let from, let until): "  calls from \(VaultTime.text(from)) until \(VaultTime.text(until))"
            case .query: "  recordings matching a query"
            }
        }
    }
}
