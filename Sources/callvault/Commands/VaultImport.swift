import ArgumentParser
import CallVault
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultRetention
import CallVaultSQLite
import Foundation

/// `callvault vault import`: seals a legacy WAV recording into the vault, through
/// `Vault.importRecording`.
struct VaultImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Seal an archived WAV recording (made before CallVault) into the vault, as a live recording.",
        discussion: """
            The recording gets what a live one gets: an envelope sealed for the vault's recipients, \
            a catalog entry, signed consent receipts, a retention schedule from the call's start and \
            the audio's length, and audit entries; it is then kept, held, played, exported, swept \
            and verified like any other. The parties' places are resolved by the consent catalog as \
            for a live call; each party the law asked to be told or to agree gets a receipt whose \
            method is operator-attestation, naming --by and the --consent-evidence they attest (a \
            party asked nothing gets a not-required receipt). The audio is read and sealed one \
            second at a time: the file is never loaded whole, and no plaintext is written.

            Refused, with nothing written: a file that is not a RIFF/WAVE file of 16-bit PCM, G.711 \
            mu-law or A-law audio (1 to \(WAVHeader.maximumChannelCount) channels, \(RecorderConfiguration.sampleRates.lowerBound) to \(RecorderConfiguration.sampleRates.upperBound) Hz), a WAV file cut short or with \
            bytes after its end, a file holding metadata a recording does not keep (unless \
            --drop-metadata), a party whose place is unknown or not in the consent catalog, a \
            --started-at in the future (or too late for the audio's length), no \
            --consent-evidence when a party had to be told or asked, an undeclarable --regime, \
            a --started-at before 1970, a --call-id with white space around it or a character that \
            does not print as itself (a zero-width space), and a --call-id the vault already holds \
            (unless --allow-duplicate-call-id; call ids are compared in Unicode canonical form, NFC).

            --line-of-business, --queue, --team and --agent are kept as a live session keeps them: \
            the regimes vault.json declares for the line of business (regimesByLineOfBusiness) and \
            the retention policies that select by line or queue apply to the import's schedule.

            With --json: {"recordingID": ...}. 'callvault vault show ID' then shows the receipts \
            and the schedule (keepUntil, deleteBy).

            Exit status: 0 imported; 1 refused (the file, a party's place, the start time, the \
            evidence, the call id or a duplicate of it) or an I/O error; 2 the vault's files or audit log were \
            altered; 4 wrong passphrase; 64 usage (no --party, a party, time or regime that \
            cannot be read).
            """
    )

    @OptionGroup var location: VaultLocation

    @Option(help: ArgumentHelp("The call's id in the archive.", valueName: "id"))
    var callID: String

    @Option(
        help: ArgumentHelp(
            "When the call started, such as 2019-03-04T10:15:00Z (never in the future).", valueName: "time"),
        transform: { text throws(RetentionArgumentError) in try RetentionArgument.instant(text) })
    var startedAt: Date

    @Option(
        name: .customLong("party"),
        help: ArgumentHelp(
            "A party: ROLE@PLACE[:LANG], such as customer@US-CA:en-US or agent@US-TX; repeat for each, in the order they are numbered (party-1, party-2...).",
            valueName: "party"),
        transform: { text throws(VaultImportArgumentError) in try VaultImportParty(parsing: text) })
    var parties: [VaultImportParty] = []

    @Option(
        name: .customLong("regime"),
        help: ArgumentHelp(
            "A retention regime that applies ('callvault retention regimes' lists them); repeat for more.",
            valueName: "rule"),
        transform: { text throws(RetentionArgumentError) in try RetentionArgument.ruleID(text) })
    var regimes: [RetentionRuleID] = []

    @Option(
        help: ArgumentHelp(
            "What shows the parties were told or agreed (a prompt log, a script, a signed form), attested by --by; required when a party had to be told or asked.",
            valueName: "text"))
    var consentEvidence: String?

    @Option(
        help: ArgumentHelp(
            "The operator attesting the evidence (default: callvault-import).", valueName: "principal"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var by: PrincipalID?

    @Option(help: ArgumentHelp("inbound (default) or outbound.", valueName: "direction"))
    var direction: VaultImportDirection = .inbound

    @Option(help: ArgumentHelp("The customer's id (for subject access and erasure requests).", valueName: "id"))
    var customerID: String?

    @Option(
        help: ArgumentHelp(
            "The line of business (vault.json's regimesByLineOfBusiness and retention policies select by it).",
            valueName: "line"))
    var lineOfBusiness: String?

    @Option(
        help: ArgumentHelp(
            "The queue or line the call came through (retention policies may select by it).", valueName: "queue"))
    var queue: String?

    @Option(help: ArgumentHelp("The agent's team.", valueName: "team"))
    var team: String?

    @Option(
        help: ArgumentHelp("The agent who took the call.", valueName: "principal"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var agent: PrincipalID?

    @Option(
        help: ArgumentHelp(
            "Comma-separated track names, one per channel in order, e.g. agent,customer (default: channel-1, channel-2...).",
            valueName: "labels"))
    var channels: String?

    @Flag(
        help:
            "Import a file holding content a recording does not keep (metadata chunks such as LIST); the audit log names what was dropped."
    )
    var dropMetadata = false

    @Flag(help: "Import although the vault already holds a recording of the same --call-id.")
    var allowDuplicateCallID = false

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    @Argument(help: ArgumentHelp("The WAV file.", valueName: "file.wav"))
    var file: String

    func validate() throws {
        guard !parties.isEmpty else {
            throw ValidationError(
                "Give at least one --party ROLE@PLACE[:LANG] (every party on the call), so consent is resolved as for a live call."
            )
        }
    }

    /// What `--json` prints.
    struct Report: Encodable {
        var recordingID: String
    }

    func run() async throws {
        try await reportingVaultFailures {
            if Inputs.isStream(file) { throw VaultToolError.importNeedsFile(file) }
            let source = try FileByteSource(path: file)
            let request = RecordingImport(
                callID: callID, startedAt: startedAt, direction: direction.callDirection,
                participants: parties.enumerated().map { $1.participant(number: $0 + 1) },
                tracks: channels.map {
                    $0.split(separator: ",", omittingEmptySubsequences: false).map { TrackID(String($0)) }
                },
                declaredRegimes: regimes,
                attestation: OperatorAttestation(operator: by ?? "callvault-import", evidence: consentEvidence),
                agentID: agent, customerID: customerID, queue: queue, team: team, lineOfBusiness: lineOfBusiness,
                droppingUnkeptContent: dropMetadata,
                allowingDuplicateCallID: allowDuplicateCallID)
            let recording = try await location.withOpenedVault(.changing) { opened in
                do {
                    return try await opened.vault.importRecording(request, from: source, sourceName: file)
                } catch let error as RecordingImportError where error.code == .unkeptContent {
                    guard case .unkeptContent(let details) = error.reason else { throw error }
                    throw VaultToolError.importRefused(
                        "'\(file)' holds content besides its audio that a recording does not keep: \(details.map(\.description).joined(separator: "; ")). Pass --drop-metadata to import the audio alone (the audit log names what was dropped), or re-export the file."
                    )
                } catch let error as RecordingImportError where error.code == .duplicateCallID {
                    guard case .duplicateCallID(let callID, let existing) = error.reason else { throw error }
                    throw VaultToolError.importRefused(
                        "The vault already holds recording \(existing) of call '\(callID)': an archive imported twice would be kept twice. Check it with 'callvault vault show \(existing)'; pass --allow-duplicate-call-id only if this file is another recording of the same call."
                    )
                }
            }
            if json {
                try VaultJSON.print(Report(recordingID: recording.id.description))
            } else {
                let seconds = VaultShowReport.seconds(of: recording) ?? 0
                print(
                    "imported \(file) as recording \(recording.id): \(recording.format), "
                        + String(format: "%.3f s", seconds) + ", call \(recording.callID)")
            }
        }
    }
}

/// Inbound or outbound, as `--direction` takes it.
enum VaultImportDirection: String, ExpressibleByArgument {
    case inbound
    case outbound

    var callDirection: CallDirection { self == .inbound ? .inbound : .outbound }
}

/// One `--party ROLE@PLACE[:LANG]` of `callvault vault import`, such as `customer@US-CA:en-US`:
/// the role and place as `consent resolve` reads them, and the language the party spoke.
struct VaultImportParty {
    let role: PartyRole
    let location: Jurisdiction
    let language: String?

    init(parsing text: String) throws(VaultImportArgumentError) {
        let parts: (PartyRole, Jurisdiction, String?)
        do {
            parts = try ConsentPartyArgument.parts(of: text)
        } catch {
            throw .party(error)
        }
        if let language = parts.2 {
            // A BCP 47 tag: letters and digits in subtags of 1 to 8, joined by hyphens.
            let subtags = language.split(separator: "-", omittingEmptySubsequences: false)
            guard
                subtags.allSatisfy({
                    (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
                }), subtags.first?.allSatisfy(\.isLetter) == true
            else { throw .notALanguage(language) }
        }
        role = parts.0
        location = parts.1
        language = parts.2
    }

    /// The party, with an id made from its position on the command line (`party-1`, `party-2`...).
    func participant(number: Int) -> ConsentParticipant {
        ConsentParticipant(
            party: CallParty(id: PartyID("party-\(number)"), role: role, location: location), language: language)
    }
}

/// A `--party` of `callvault vault import` that cannot be read; a usage error.
enum VaultImportArgumentError: Error, CustomStringConvertible {
    case party(ConsentArgumentError)
    case notALanguage(String)

    var description: String {
        switch self {
        case .party(let error):
            error.description.replacingOccurrences(of: ConsentPartyArgument.form, with: "ROLE@PLACE[:LANG]")
                .replacingOccurrences(of: "customer@US-CA:mobile", with: "customer@US-CA:en-US")
        case .notALanguage(let text):
            "'\(TerminalText.quoted(text))' is not a language tag: write a BCP 47 tag such as en, en-US or de-DE, as in customer@DE:de-DE."
        }
    }
}
