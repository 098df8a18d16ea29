import ArgumentParser
import CallVaultAccess
import CallVaultCore
import Foundation

extension Access {
    /// The exit status `access check` gives when the policy denies the request.
    static let deniedExitStatus: Int32 = 6
}

/// `callvault access check`: what a policy decides for one request, offline.
///
/// It runs the same evaluation a host's `AccessController` runs, on a principal and a recording
/// described in JSON, so an operator can check a policy file before deploying it, or explain a
/// refusal.
struct AccessCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Decide one access request offline: may this principal take this action on this recording for this purpose?",
        discussion: """
            The policy is an access policy file (JSON; see the "Access control" article of CallVaultAccess). \
            The principal and the recording are JSON descriptions; unknown fields are refused and times \
            are ISO 8601 with Z or an offset. For example:

              principal.json:
                {"id": "sup.maria", "roles": ["supervisor"], "team": "billing",
                 "authentication": {"method": "sso",
                   "at": "2026-03-02T09:50:00Z", "multiFactor": true},
                 "training": [{"course": "call-recording-privacy", "version": 3,
                   "completedAt": "2026-01-10T00:00:00Z",
                   "expiresAt": "2027-01-10T00:00:00Z"}]}

              recording.json:
                {"recordingID": "6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b",
                 "agentID": "agent.sam", "team": "billing",
                 "queue": "billing-support",
                 "disclosedPurposes": ["quality", "training"],
                 "jurisdictions": ["US-CA"], "holds": [],
                 "sensitivity": "normal", "isRestricted": false}

              callvault access check --policy access-policy.json \\
                  --principal principal.json --recording recording.json \\
                  --action listen --purpose quality --at 2026-03-02T10:00:00Z

            In a principal, team and training may be left out; in a recording, everything but \
            recordingID and disclosedPurposes. Actions: view-metadata, listen, download, export-legal, \
            view-transcript, delete, place-hold, release-hold, rewrap-keys, break-glass (or a policy's \
            customActions). Purposes: quality, training, dispute-resolution, legal-regulatory, \
            customer-request (or your own).

            The decision is printed with its reasons (the rule that allowed or denied, each condition \
            that failed) and, when allowed, its obligations (when a grant would expire, single use, \
            watermarked exports, notifying compliance). With --json: {"allowed": bool, "reasons": \
            [{"kind", "text", "rule", "condition"}], "obligations": {"expiresAt", "grantLifetimeSeconds", \
            "singleUse", "watermark", "notifyCompliance"} or null when denied, "breakGlass", \
            "decidingRule", "policyVersion", "principal", "action", "recording", "purpose", "decidedAt"}.

            Exit status: 0 allowed; 6 denied; 1 a file that is unreadable or invalid (the message \
            names the file, the line and the field); 64 usage error (a missing option, a bad action, \
            purpose or time).
            """
    )

    @Option(help: ArgumentHelp("The access policy file (JSON).", valueName: "file"))
    var policy: String

    @Option(help: ArgumentHelp("The principal asking, described in JSON (see above).", valueName: "file"))
    var principal: String

    @Option(help: ArgumentHelp("The recording's access attributes, described in JSON (see above).", valueName: "file"))
    var recording: String

    @Option(
        help: ArgumentHelp("What the principal asks to do, such as listen or export-legal.", valueName: "action"),
        transform: { text throws(AccessArgumentError) in try AccessArgument.action(text) })
    var action: AccessAction

    @Option(
        help: ArgumentHelp("Why, such as quality, training or legal-regulatory.", valueName: "purpose"),
        transform: { text throws(AccessArgumentError) in try AccessArgument.purpose(text) })
    var purpose: Purpose

    @Option(
        help: ArgumentHelp("When the request is made, such as 2026-03-02T10:00:00Z (default: now).", valueName: "time"),
        transform: { text throws(AccessArgumentError) in try AccessArgument.instant(text) })
    var at: Date?

    @Option(help: ArgumentHelp("The written justification (break-glass needs one).", valueName: "text"))
    var justification: String?

    @Option(help: ArgumentHelp("The legal request served (court order, regulator's letter).", valueName: "reference"))
    var legalReference: String?

    @Option(
        name: .customLong("approved-by"),
        help: ArgumentHelp("A principal who approved the request; repeat for each.", valueName: "id"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var approvals: [PrincipalID] = []

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    func run() throws {
        try reportingFailures {
            let policy = try AccessCheckInput.policy(at: self.policy)
            let principal = try AccessCheckInput.principal(at: self.principal)
            let recording = try AccessCheckInput.recording(at: self.recording)
            for note in AccessCheckInput.notes(action: action, purpose: purpose, policy: policy, recording: recording) {
                Terminal.note(note)
            }
            let decision = policy.decide(
                AccessRequest(
                    principal: principal, action: action, recording: recording, purpose: purpose, at: at ?? Date(),
                    justification: justification, legalReference: legalReference,
                    approvals: Set(approvals)))
            try ToolDates.requireWritable(
                [("grant's expiry", decision.expiresAt)], workedOutFrom: "--at", decision.decidedAt)
            print(json ? try AccessCheckReport(decision).json() : AccessCheckReport.text(for: decision))
            if !decision.isAllowed { throw ExitCode(Access.deniedExitStatus) }
        }
    }
}

/// Reads the values `callvault access check` takes on its command line.
enum AccessArgument {
    static func action(_ text: String) throws(AccessArgumentError) -> AccessAction {
        guard let action = try? AccessAction(text) else { throw .notAnAction(text) }
        return action
    }

    static func purpose(_ text: String) throws(AccessArgumentError) -> Purpose {
        guard let purpose = try? Purpose(text) else { throw .notAPurpose(text) }
        return purpose
    }

    static func instant(_ text: String) throws(AccessArgumentError) -> Date {
        switch ToolDates.instant(text) {
        case .success(let date): return date
        case .failure(.outsideCalendar): throw .outsideCalendar(text)
        case .failure: throw .notAnInstant(text)
        }
    }
}

/// A value of `callvault access check` that cannot be read; a usage error.
enum AccessArgumentError: Error, CustomStringConvertible {
    case notAnAction(String)
    case notAPurpose(String)
    case notAnInstant(String)
    case outsideCalendar(String)

    var description: String {
        switch self {
        case .outsideCalendar(let text):
            ToolDateError.outsideCalendar(text).description
        case .notAnAction(let text):
            "'\(TerminalText.quoted(text))' is not an action: use \(AccessAction.standard.map(\.identifier).joined(separator: ", ")), or an action of the policy's customActions."
        case .notAPurpose(let text):
            "'\(TerminalText.quoted(text))' is not a purpose: use lower-case letters, digits and hyphens, such as quality, training, dispute-resolution, legal-regulatory or customer-request."
        case .notAnInstant(let text):
            "'\(TerminalText.quoted(text))' is not an ISO 8601 date and time with a zone: write it like 2026-03-02T10:00:00Z or 2026-03-02T11:00:00+01:00."
        }
    }
}
