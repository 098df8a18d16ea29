import ArgumentParser
import CallVaultCore
import CallVaultSQLite
import Foundation

/// `callvault vault accept-changes`: signs a deliberate edit of vault.json or access-policy.json,
/// or puts the signed copy back.
struct VaultAcceptChanges: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept-changes",
        abstract: "Sign an edit of vault.json or access-policy.json (audited), or put the signed copy back.",
        discussion: """
            vault.json and access-policy.json are signed by the organisation key (vault-files.sig, \
            with a copy of the signed bytes), and the audit log records each signed version. A file \
            changed outside CallVault (a recipient, a hold officer or a policy rule added by whoever \
            can write the folder) is refused when the vault is opened (exit 2, naming the fields that \
            differ), and reported by 'callvault vault verify'.

            After editing either file on purpose, run this command: it prints what differs from the \
            signed copy, the recipients and hold officers, signs the files as they are now (a new \
            version) and records that in the audit log under --by. With --restore it writes the \
            signed copy back over the edited files instead (also recorded). 'callvault vault rotate' \
            signs its own changes of vault.json.

            Exit status: 0 done; 1 a file that does not read (malformed vault.json or policy, or a consent catalog override file it names that is missing, empty, malformed or reviewed after today; a vault.json without what the transparency report needs: \
            retentionDays, audiences, complaintContact, named all at once, nothing signed), the \
            vault in use, a simulated vault without --simulation (or --simulation for a live one), an \
            edit of vault.json's "simulation" (fixed for the vault's life; undo it with --restore), or I/O; 2 --restore without a valid signed copy, or the audit log altered; \
            4 wrong passphrase; 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Put the signed copy back over the edited files, instead of signing them.")
    var restore = false

    @Option(
        help: ArgumentHelp("Who accepts the change, as the audit log names them.", valueName: "id"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var by: PrincipalID = "callvault-operator"

    func run() async throws {
        try await reportingVaultFailures {
            let folder = location.folder
            // A restore puts the signed copy back, whatever the file holds now (even text that no
            // longer reads); only a new version must read, and be reportable.
            if !restore { try VaultNoticeCheck.require(try folder.editedConfiguration(), in: .acceptingChanges) }
            let passphrase = try Terminal.passphrase(prompt: "Passphrase for the vault \(folder.directory.path): ")
            // Whether the vault is a simulation is judged by the signed vault.json, which an edit
            // of the file cannot change: the library checks --simulation against it.
            let result = try await VaultFolder.acceptChanges(
                at: folder.directory, passphrase: passphrase, simulation: location.simulation, restore: restore, by: by)
            for (file, changes) in result.changes.sorted(by: { $0.key < $1.key }) {
                print(
                    "\(TerminalText.escaped(file)) differed from the signed copy: \(TerminalText.escaped(changes.joined(separator: ", ")))"
                )
            }
            let configuration = try folder.configuration()
            if configuration.simulation {
                Terminal.note(
                    "note: \(folder.directory.path) is a simulated vault (its vault.json says \"simulation\": true): its times are simulated and it is no record of real calls"
                )
            }
            print(
                "recipients besides the vault's identity: \(configuration.additionalRecipients.map(\.fingerprint.description).joined(separator: ", "))"
            )
            print(
                "hold officers: \(TerminalText.escaped(configuration.holdOfficers.map(\.rawValue).joined(separator: ", ")))"
            )
            print(
                result.restored
                    ? "the signed copy was put back as version \(result.version) (audited)"
                    : "vault.json and access-policy.json signed as version \(result.version) (audited)")
        }
    }
}
