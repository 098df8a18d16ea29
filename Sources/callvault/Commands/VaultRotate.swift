import ArgumentParser
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite

/// `callvault vault rotate`: rewraps every recording's data key for a new set of recipients.
struct VaultRotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Add or remove recipients of every recording: rewrap the stored keys in bulk, audio untouched.",
        discussion: """
            vault.json's recipients are updated first, so recordings made from now on are encrypted \
            for the new set too. Then each recording's data key, kept wrapped apart from its audio, is \
            unwrapped with the vault's identity and wrapped for each added recipient; wraps for removed \
            recipients are dropped. Each rewrap is in the audit log (key.rewrap). Recordings already \
            wrapped as asked are skipped, so an interrupted rotation is finished by running it again; \
            deleted and never-recorded recordings are never given keys. The vault's own identity \
            cannot be removed.

            Removing a recipient stops new copies of a data key reaching it; anything it already \
            holds (an old wrap, an export) still opens.

            A recording whose catalog entry does not verify (changed outside CallVault) has \
            recipients removed but none added, and is listed.

            Exit status: 0 done; 1 a bad recipient, a recording whose wrap does not open (listed), \
            or the vault could not be used; 2 a catalog entry does not verify (listed; the rest \
            was rotated); 4 wrong passphrase; 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Option(
        name: .customLong("add"),
        help: ArgumentHelp("A recipient string or .pub file to add; repeat for each.", valueName: "recipient"))
    var additions: [String] = []

    @Option(
        name: .customLong("remove"),
        help: ArgumentHelp(
            "A recipient to remove: its fingerprint (as 'callvault inspect' prints it), string or .pub file; repeat for each.",
            valueName: "fingerprint"))
    var removals: [String] = []

    @Option(help: ArgumentHelp("Print a progress line every N recordings.", valueName: "n"))
    var progressEvery = 100

    @Option(
        help: ArgumentHelp(
            "Who rotates, as the audit log names them.", valueName: "id"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var by: PrincipalID = "callvault-key-rotation"

    func validate() throws {
        guard !additions.isEmpty || !removals.isEmpty else {
            throw ValidationError("Nothing to rotate: give at least one --add or --remove.")
        }
        guard progressEvery > 0 else { throw ValidationError("--progress-every must be at least 1.") }
    }

    func run() async throws {
        try await reportingVaultFailures {
            let added = try additions.map(Inputs.recipient)
            let removed = try removals.map(Inputs.fingerprint)
            let every = progressEvery
            try await location.withOpenedVault(.changing) { opened in
                let report = try await opened.rotateRecipients(adding: added, removing: removed, by: by) { progress in
                    guard progress.examined % every == 0 else { return }
                    print(
                        "rotating: \(progress.examined) examined, \(progress.rewrapped.count) rewrapped, \(progress.alreadyCurrent) already current"
                    )
                }
                print(report.summary)
                for id in report.notWrappedForVault { print("not wrapped for this vault  \(id)") }
                for id in report.unverified {
                    print("catalog entry does not verify (recipients removed, none added)  \(id)")
                }
                for id in report.shreddedWithoutDeletion {
                    print(
                        "marked shredded without any recorded deletion (the database was edited; removed recipients' wraps deleted, none added)  \(id)"
                    )
                }
                for (id, reason) in report.failures.sorted(by: { $0.key < $1.key }) {
                    print("failed  \(id)  \(reason)")
                }
                let others = try opened.folder.configuration().additionalRecipients.map(\.fingerprint.description)
                print(
                    "recipients of new recordings: \(([opened.recipient.fingerprint.description] + others).joined(separator: ", "))"
                        + " (the first is the vault's identity)")
                if !report.failures.isEmpty || !report.notWrappedForVault.isEmpty { throw ExitCode(1) }
                if !report.unverified.isEmpty || !report.shreddedWithoutDeletion.isEmpty { throw ExitCode(2) }
            }
        }
    }
}
