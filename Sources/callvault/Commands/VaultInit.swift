import ArgumentParser
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import Foundation

/// `callvault vault init`: makes a new vault folder.
struct VaultInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a vault folder: keys sealed under a passphrase, vault.json, an access policy, the database.",
        discussion: """
            The folder must be new or empty. A fresh organisation signing key and recipient identity \
            are made and sealed under the passphrase (CALLVAULT_PASSPHRASE, or typed twice at the \
            terminal); keep it safe, since every command that uses the keys needs it and nothing can \
            recover it. The options become vault.json, which notices to customers are rendered from; \
            edit it later as needed. Without --access-policy, a starter policy is written (supervisors \
            hear their team's calls for quality; compliance officers export for legal requests with a \
            reference and an approval; complaint handlers hear their complaint's calls): replace it \
            with your own.

            The organisation's decisions go into vault.json too: how consent is asked \
            (--response-timeout, --max-prompts, --while-awaiting, --on-withdrawal, \
            --explicit-consent-everywhere, --mandatory-line), consent catalog overrides \
            (--consent-overrides, copied into the folder), retention policies (--retention-policies, \
            a policy set in JSON) and the regimes of each line of business (--line-regime \
            LINE=REGIME). A changed configuration is audited the next time the vault is opened for \
            writing.

            The customer's transparency report ('callvault vault report') is written from these \
            options, so init refuses (exit 1, nothing created) a vault without --retention-days, \
            at least one --audience and --complaint-contact, naming every one missing.

            Contacts are CHANNEL:ADDRESS, such as email:complaints@example.com, \
            website:https://example.com/recordings or phone:+44 20 7946 0000.

            The vault is built in a temporary folder beside the destination \
            (.NAME.callvault-init-*) and renamed into place when whole, so an interrupted init \
            leaves no vault, never a half-built one; the next init of the same folder removes what \
            it left. Folders are 0700 and files 0600 whatever the umask.

            With --simulation the vault is marked as a simulation ("simulation": true in \
            vault.json, signed and fixed for the vault's life): for a demo or a rehearsal whose clock \
            jumps ahead, so its records carry simulated times. Hosts open it only as a simulation \
            (VaultFolder.open(..., simulation: true)) and never open a live vault as one; every \
            vault command notes it on standard error, and commands that change it (import, hold, \
            sweep, complaint, consent, export, rotate, accept-changes) run only with --simulation. \
            Reading it (list, show, play, report, verify, audit...) needs no flag.

            Prints the recipient (public key) recordings are encrypted to and the organisation's \
            verifying key (for 'callvault audit verify --public-key' and for checking receipts, \
            certificates and exports elsewhere).
            """
    )

    @OptionGroup var location: VaultLocation

    @Option(help: ArgumentHelp("The organisation's name, as notices say it.", valueName: "name"))
    var organisation: String

    @Option(
        name: .customLong("purpose"),
        help: ArgumentHelp(
            "Why calls are recorded (quality, training, dispute-resolution...); repeat for each (default: quality).",
            valueName: "purpose"),
        transform: { text throws(AccessArgumentError) in try AccessArgument.purpose(text) })
    var purposes: [Purpose] = []

    @Option(help: ArgumentHelp("How many days recordings are kept, as notices say it.", valueName: "days"))
    var retentionDays: Int?

    @Option(
        name: .customLong("audience"),
        help: ArgumentHelp(
            "Who may listen (supervisors, quality-team, trainers, compliance-officers, regulators-and-courts); repeat for each.",
            valueName: "audience"))
    var audiences: [String] = []

    @Option(
        help: ArgumentHelp("The key a caller presses to agree (default 1).", valueName: "digit"),
        transform: { text throws(VaultArgumentError) in try VaultInit.key(text) })
    var consentKey: Character?

    @Option(
        help: ArgumentHelp("The key a caller presses to decline (default 2).", valueName: "digit"),
        transform: { text throws(VaultArgumentError) in try VaultInit.key(text) })
    var declineKey: Character?

    @Option(
        help: ArgumentHelp(
            "The key that stops recording during a call (default 9; 'none' for no key).", valueName: "digit"))
    var withdrawalKey: String?

    @Option(
        help: ArgumentHelp("Where customers withdraw consent, as CHANNEL:ADDRESS.", valueName: "contact"),
        transform: { text throws(VaultArgumentError) in try VaultInit.contact(text) })
    var withdrawalContact: DisclosureContact?

    @Option(
        help: ArgumentHelp("Where customers complain, as CHANNEL:ADDRESS.", valueName: "contact"),
        transform: { text throws(VaultArgumentError) in try VaultInit.contact(text) })
    var complaintContact: DisclosureContact?

    @Option(
        name: .customLong("language"),
        help: ArgumentHelp("The language of notices when a party's is unknown.", valueName: "tag"))
    var defaultLanguage = "en"

    @Option(
        name: .customLong("hold-officer"),
        help: ArgumentHelp(
            "A principal who may place and release legal holds (and file complaints); repeat for each.",
            valueName: "id"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var holdOfficers: [PrincipalID] = []

    @Option(
        name: .customLong("recipient"),
        help: ArgumentHelp(
            "Another recipient (string or .pub file) every recording is also encrypted for; repeat for each.",
            valueName: "recipient"))
    var recipients: [String] = []

    @Option(help: ArgumentHelp("The access policy file to start with (JSON).", valueName: "file"))
    var accessPolicy: String?

    @Option(help: ArgumentHelp("Seconds a caller has to answer a consent request (default 10).", valueName: "seconds"))
    var responseTimeout: Int?

    @Option(help: ArgumentHelp("How many times a consent request is played (default 2).", valueName: "count"))
    var maxPrompts: Int?

    @Option(
        help: ArgumentHelp(
            "While a joiner's consent is pending: exclude-track (default) or pause-recording.", valueName: "handling"))
    var whileAwaiting: String?

    @Option(
        help: ArgumentHelp(
            "What was captured when consent is withdrawn: keep, quarantine (default) or discard.", valueName: "handling"
        ))
    var onWithdrawal: String?

    @Flag(help: "Ask every party for explicit consent, whatever their jurisdiction requires.")
    var explicitConsentEverywhere = false

    @Option(
        name: .customLong("mandatory-line"),
        help: ArgumentHelp(
            "A line of business or queue that may not be used unrecorded; repeat for each.", valueName: "line"))
    var mandatoryLines: [String] = []

    @Option(
        name: .customLong("consent-overrides"),
        help: ArgumentHelp(
            "A consent catalog file (CSV) whose rows override the bundled catalog's; copied into the vault; repeat for each.",
            valueName: "file"))
    var consentOverrides: [String] = []

    @Option(
        help: ArgumentHelp(
            "The organisation's retention policies (a JSON policy set, as `retention schedule --policies` reads).",
            valueName: "file"))
    var retentionPolicies: String?

    @Option(
        name: .customLong("line-regime"),
        help: ArgumentHelp(
            "A retention regime declared for every recording of a line of business, as LINE=REGIME; repeat for each.",
            valueName: "line=regime"))
    var lineRegimes: [String] = []

    /// The decisions the options give, applied to `configuration`.
    func applyDecisions(to configuration: inout VaultConfiguration) throws -> [String: String] {
        var consent = configuration.consentSettings
        if let responseTimeout { consent.responseTimeoutSeconds = responseTimeout }
        if let maxPrompts { consent.maximumPrompts = maxPrompts }
        if let whileAwaiting {
            switch whileAwaiting {
            case "exclude-track": consent.whileAwaitingConsent = .excludeTrack
            case "pause-recording": consent.whileAwaitingConsent = .pauseRecording
            default:
                throw ValidationError("--while-awaiting is exclude-track or pause-recording, not '\(whileAwaiting)'")
            }
        }
        if let onWithdrawal {
            switch onWithdrawal {
            case "keep": consent.onWithdrawal = .keep
            case "quarantine": consent.onWithdrawal = .quarantine
            case "discard": consent.onWithdrawal = .discard
            default: throw ValidationError("--on-withdrawal is keep, quarantine or discard, not '\(onWithdrawal)'")
            }
        }
        if explicitConsentEverywhere { consent.explicitConsentEverywhere = true }
        consent.mandatoryLines = mandatoryLines
        configuration.consentSettings = consent
        var files: [String: String] = [:]
        for path in consentOverrides {
            let name = URL(fileURLWithPath: path).lastPathComponent
            guard files[name] == nil else {
                throw ValidationError("two --consent-overrides files are named \(name); give each its own name")
            }
            files[name] = try RetentionInputFile.text(at: path, kind: "a consent catalog")
            configuration.consentCatalogOverrides.append(name)
        }
        if let retentionPolicies {
            let text = try RetentionInputFile.text(at: retentionPolicies, kind: "a retention policy file")
            do {
                configuration.retentionPolicies = try RetentionPolicySet(json: Data(text.utf8))
            } catch let error as RetentionPolicyError {
                throw RetentionInputFileError.policies(path: retentionPolicies, error)
            }
        }
        for pair in lineRegimes {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--line-regime is LINE=REGIME, such as order-desk=eu-mifid2-16-7, not '\(pair)'")
            }
            configuration.regimesByLineOfBusiness[parts[0], default: []].append(try RetentionRuleID(parts[1]))
        }
        return files
    }

    func run() async throws {
        try await reportingVaultFailures {
            var configuration = VaultConfiguration(
                organisation: organisation, purposes: purposes.isEmpty ? [.quality] : purposes,
                retentionDays: retentionDays, withdrawalContact: withdrawalContact, complaintContact: complaintContact,
                defaultLanguage: defaultLanguage, holdOfficers: holdOfficers,
                additionalRecipients: try recipients.map(Inputs.recipient))
            configuration.audiences = Set(try audiences.map { try DisclosureAudience($0) })
            if let consentKey { configuration.consentKey = consentKey }
            if let declineKey { configuration.declineKey = declineKey }
            if let withdrawalKey {
                configuration.withdrawalKey = withdrawalKey == "none" ? nil : try Self.key(withdrawalKey)
            }
            let consentFiles = try applyDecisions(to: &configuration)
            configuration.simulation = location.simulation
            try configuration.validate()
            try VaultNoticeCheck.require(configuration, in: .initialising)
            let policy = try accessPolicy.map { try RetentionInputFile.text(at: $0, kind: "an access policy") }
            let folder = location.folder
            if FileManager.default.fileExists(atPath: folder.directory.path) {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.directory.path)) ?? []
                if HalfBuiltVault.looksHalfBuilt(folder.directory.path, entries: entries) {
                    throw HalfBuiltVault(path: folder.directory.path)
                }
                guard entries.isEmpty else { throw VaultFolderError.folderNotEmpty(path: folder.directory.path) }
            }
            let passphrase = try Terminal.passphrase(prompt: "Passphrase for the new vault: ", confirm: true)
            // What a killed init left beside the folder never became a vault: create removes it.
            let leftovers = try VaultFolder.halfBuilt(at: folder.directory)
            try VaultFolder.create(
                at: folder.directory, passphrase: passphrase, configuration: configuration,
                accessPolicy: policy ?? VaultFolder.starterAccessPolicy, consentCatalogFiles: consentFiles)
            for leftover in leftovers {
                Terminal.note("removed a half-built vault an interrupted init had left: \(leftover.path)")
            }
            // Creating started the audit log and anchored it; opening once checks the new vault as every command will.
            try await VaultFolder.open(at: folder.directory, passphrase: passphrase, simulation: location.simulation)
                .close()
            let signing = try folder.verifyingKey()
            let recipient = try IdentityFile.recipient(
                in: try String(contentsOf: folder.identityFile, encoding: .utf8))
            print("created vault: \(folder.directory.path)")
            print("recipient: \(recipient)")
            print("verifying key: \(signing)")
            print("configuration: \(folder.configurationFile.path)")
            print("access policy: \(folder.accessPolicyFile.path)\(policy == nil ? " (the starter policy)" : "")")
            print("audit log: \(folder.auditLogFile.path)")
            if location.simulation {
                print(
                    "simulation: yes (vault.json says \"simulation\": true; commands that change the vault need --simulation, and hosts open it only as a simulation)"
                )
            }
        }
    }

    static func key(_ text: String) throws(VaultArgumentError) -> Character {
        guard text.count == 1, let key = text.first, key.isASCII, key.isWholeNumber else { throw .notAKey(text) }
        return key
    }

    static func contact(_ text: String) throws(VaultArgumentError) -> DisclosureContact {
        guard let colon = text.firstIndex(of: ":") else { throw .notAContact(text) }
        let address = String(text[text.index(after: colon)...])
        switch text[..<colon] {
        case "website": return .website(address)
        case "email": return .email(address)
        case "phone": return .phone(address)
        default: throw .notAContact(text)
        }
    }
}

/// A folder an interrupted `vault init` of an earlier CallVault left half-built in place (keys and
/// a database, but no `vault.json`): never a vault, and refused as one; it holds no recordings.
struct HalfBuiltVault: Error, CustomStringConvertible {
    let path: String

    /// Names such a folder holds: those init wrote before `vault.json`, which it always wrote
    /// last. A folder with an audit log or recordings was a vault once, whatever it lacks now.
    static let layout: Set<String> = [
        "keys", "access-policy.json", "vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm", "blobs",
    ]

    static func looksHalfBuilt(_ path: String, entries: [String]) -> Bool {
        guard entries.contains("keys"), Set(entries).isSubset(of: layout) else { return false }
        let blobs = (try? FileManager.default.contentsOfDirectory(atPath: path + "/blobs")) ?? []
        return blobs.isEmpty
    }

    var description: String {
        "\(path) is a half-built vault: an interrupted 'callvault vault init' of an earlier version left keys there but no vault.json, so it never became a vault and holds no recordings. Remove it (rm -r '\(path)') and run init again."
    }
}
