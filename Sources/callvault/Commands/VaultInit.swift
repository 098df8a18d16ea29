import ArgumentParser
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
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

            Contacts are CHANNEL:ADDRESS, such as email:complaints@example.com, \
            website:https://example.com/recordings or phone:+44 20 7946 0000.

            The vault is built in a temporary folder beside the destination \
            (.NAME.callvault-init-*) and renamed into place when whole, so an interrupted init \
            leaves no vault, never a half-built one; the next init of the same folder removes what \
            it left. Folders are 0700 and files 0600 whatever the umask.

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
            try configuration.validate()
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
                accessPolicy: policy ?? VaultFolder.starterAccessPolicy)
            for leftover in leftovers {
                Terminal.note("removed a half-built vault an interrupted init had left: \(leftover.path)")
            }
            // Creating started the audit log and anchored it; opening once checks the new vault as every command will.
            try await VaultFolder.open(at: folder.directory, passphrase: passphrase).close()
            let signing = try folder.verifyingKey()
            let recipient = try IdentityFile.recipient(
                in: try String(contentsOf: folder.identityFile, encoding: .utf8))
            print("created vault: \(folder.directory.path)")
            print("recipient: \(recipient)")
            print("verifying key: \(signing)")
            print("configuration: \(folder.configurationFile.path)")
            print("access policy: \(folder.accessPolicyFile.path)\(policy == nil ? " (the starter policy)" : "")")
            print("audit log: \(folder.auditLogFile.path)")
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
