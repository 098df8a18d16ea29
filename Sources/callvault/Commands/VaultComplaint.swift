import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultSQLite
import Foundation

/// `callvault vault complaint`: customers' complaints about recordings.
struct VaultComplaint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complaint",
        abstract: "File, advance and list customers' complaints about recordings.",
        discussion: """
            A complaint moves received -> investigating -> resolved or rejected. Filing it places a \
            legal hold on its recordings: those named with --recording and every recording of the \
            calls named with --call or, when it names neither, every recording of the --customer \
            that still has audio (so the principal filing it must be a hold officer when there is \
            any); closing \
            it, by the handler with a second person reviewing, releases the hold through the hold's \
            own two-person rule (both must be hold officers). Every step is in the audit log, on \
            the complaint and on each of its recordings. The customer must be acknowledged within \
            3 days and answered within 8 weeks; 'complaint list' marks complaints past either.

            Exit status: 0 done; 1 an unknown complaint or recording, a step that does not follow \
            from the complaint's state, or a reviewer who is the handler; 6 a principal who is not a \
            hold officer where a hold is placed or released; 4 wrong passphrase; 64 usage.
            """,
        subcommands: [File.self, Start.self, Close.self, List.self]
    )

    /// Refuses principals who are not hold officers (status 6), before a step that places or
    /// releases a hold.
    static func requireHoldOfficers(_ principals: [PrincipalID], in opened: OpenedVault) throws {
        for principal in principals where !opened.configuration.holdOfficers.contains(principal) {
            throw LegalHoldError.notAuthorised(principal)
        }
    }

    /// `callvault vault complaint file`.
    struct File: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log a complaint and hold its recordings.",
            discussion: "Prints the complaint's id, its due dates and its hold."
        )

        @OptionGroup var location: VaultLocation

        @Option(
            name: .customLong("recording"),
            help: ArgumentHelp("A recording the complaint is about; repeat for each.", valueName: "id"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.recording(text) })
        var recordings: [RecordingID] = []

        @Option(
            name: .customLong("call"),
            help: ArgumentHelp("A call id the complaint is about; repeat for each.", valueName: "id"))
        var calls: [String] = []

        @Option(help: ArgumentHelp("The customer's id.", valueName: "id"))
        var customer: String?

        @Option(help: ArgumentHelp("How it came in: phone, email, web, letter, in-person...", valueName: "channel"))
        var channel: String

        @Option(help: ArgumentHelp("The customer's words.", valueName: "text"))
        var text: String

        @Option(
            help: ArgumentHelp(
                "Who logged it (a hold officer, when it holds recordings).", valueName: "principal"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
        var receivedBy: PrincipalID

        func run() async throws {
            try await reportingVaultFailures {
                try await location.withOpenedVault(.changing) { opened in
                    for recording in recordings {
                        guard try await opened.stores.catalog.recording(recording) != nil else {
                            throw VaultToolError.unknownRecording(recording)
                        }
                    }
                    // The desk saves the complaint before placing its hold: refuse up front rather
                    // than leave a complaint whose recordings are not held.
                    if !recordings.isEmpty { try VaultComplaint.requireHoldOfficers([receivedBy], in: opened) }
                    let complaint = try await opened.complaints.file(
                        customerID: customer, channel: channel, callIDs: calls, recordingIDs: recordings, text: text,
                        receivedBy: receivedBy)
                    print("filed complaint \(complaint.id) (received by \(receivedBy))")
                    print("acknowledge by: \(VaultTime.text(complaint.acknowledgeBy))")
                    print("resolve by: \(VaultTime.text(complaint.resolveBy))")
                    // The calls' and the customer's recordings are held too.
                    if !complaint.recordingIDs.isEmpty {
                        let held = Set(complaint.recordingIDs).count
                        print("hold: \(complaint.holdID) on \(held) recording\(held == 1 ? "" : "s")")
                    }
                }
            }
        }
    }

    /// `callvault vault complaint start`.
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A handler starts investigating a complaint.")

        @OptionGroup var location: VaultLocation

        @Argument(help: ArgumentHelp("The complaint's id.", valueName: "id"))
        var id: String

        @Option(
            help: ArgumentHelp("The handler.", valueName: "principal"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
        var by: PrincipalID

        func run() async throws {
            try await reportingVaultFailures {
                try await location.withOpenedVault(.changing) { opened in
                    let complaint = try await opened.complaints.startInvestigation(ComplaintID(id), by: by)
                    print("complaint \(complaint.id) is \(complaint.state.rawValue), handled by \(by)")
                }
            }
        }
    }

    /// How a complaint is closed.
    enum Closing: String, EnumerableFlag {
        case resolved
        case rejected

        static func help(for value: Closing) -> ArgumentHelp? {
            switch value {
            case .resolved: "Close it as resolved, with the outcome told to the customer."
            case .rejected: "Close it as unfounded, with the reason told to the customer."
            }
        }
    }

    /// `callvault vault complaint close`.
    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a complaint, resolved or rejected, reviewed by a second person; its hold is released.")

        @OptionGroup var location: VaultLocation

        @Argument(help: ArgumentHelp("The complaint's id.", valueName: "id"))
        var id: String

        @Flag var closing: Closing

        @Option(help: ArgumentHelp("The outcome (or the rejection's reason) told to the customer.", valueName: "text"))
        var outcome: String

        @Option(
            help: ArgumentHelp("The handler closing it.", valueName: "principal"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
        var by: PrincipalID

        @Option(
            help: ArgumentHelp("The second person who reviewed the closure.", valueName: "principal"),
            transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
        var reviewedBy: PrincipalID

        func run() async throws {
            try await reportingVaultFailures {
                try await location.withOpenedVault(.changing) { opened in
                    // The desk saves the closure before releasing the hold: refuse up front rather
                    // than leave a closed complaint whose hold cannot be released.
                    if let current = try await opened.stores.complaints.complaint(ComplaintID(id)),
                        !current.recordingIDs.isEmpty
                    {
                        try VaultComplaint.requireHoldOfficers([by, reviewedBy], in: opened)
                    }
                    let complaint = try await opened.complaints.close(
                        ComplaintID(id), as: closing == .resolved ? .resolved : .rejected, outcome: outcome, by: by,
                        reviewedBy: reviewedBy)
                    print(
                        "complaint \(complaint.id) is \(complaint.state.rawValue) (by \(by), reviewed by \(reviewedBy))"
                    )
                    if !complaint.recordingIDs.isEmpty { print("hold \(complaint.holdID) released") }
                }
            }
        }
    }

    /// `callvault vault complaint list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List open complaints (or all of them), oldest first, marking those past a deadline.",
            discussion:
                "Reads the complaint store only: no passphrase is needed and nothing is written. The audit log is checked against the vault's anchor first (exit 2, or 3 for a log cut short). With --json: a list of {\"id\", \"state\", \"receivedAt\", \"acknowledgeBy\", \"resolveBy\", \"overdue\", \"customerID\", \"channel\", \"recordings\", \"handler\", \"outcome\", \"hold\"}."
        )

        @OptionGroup var location: VaultLocation

        @Flag(help: "Include resolved and rejected complaints.")
        var all = false

        @Flag(help: "Print JSON (stable keys, for scripts).")
        var json = false

        struct Row: Encodable {
            var id: String
            var state: String
            var receivedAt: Date
            var acknowledgeBy: Date
            var resolveBy: Date
            var overdue: Bool
            var customerID: String?
            var channel: String
            var recordings: [String]
            var handler: String?
            var outcome: String?
            var hold: String
        }

        func run() async throws {
            try await reportingVaultFailures {
                let stores = try location.checkedStores()
                let states: Set<Complaint.State> = all ? Set(Complaint.State.allCases) : [.received, .investigating]
                let now = Date()
                let rows = try await stores.complaints.complaints(in: states).map {
                    Row(
                        id: $0.id.rawValue, state: $0.state.rawValue, receivedAt: $0.receivedAt,
                        acknowledgeBy: $0.acknowledgeBy, resolveBy: $0.resolveBy, overdue: $0.isOverdue(at: now),
                        customerID: $0.customerID, channel: $0.channel, recordings: $0.recordingIDs.map(\.description),
                        handler: $0.handler?.rawValue, outcome: $0.outcome, hold: $0.holdID.rawValue)
                }
                if json {
                    try VaultJSON.print(rows)
                    return
                }
                for row in rows {
                    print(
                        "\(row.id)  \(row.state.padding(toLength: 13, withPad: " ", startingAt: 0))  received \(VaultTime.text(row.receivedAt))  "
                            + "resolve by \(VaultTime.text(row.resolveBy))  \(row.channel)  recordings \(row.recordings.count)"
                            + (row.handler.map { "  handler \(PrincipalID(recorded: $0).escaped)" } ?? "")
                            + (row.overdue ? "  OVERDUE" : ""))
                }
                print("\(rows.count) \(all ? "" : "open ")complaint\(rows.count == 1 ? "" : "s").")
            }
        }
    }
}
