import ArgumentParser

/// `callvault vault`: operating a vault folder.
struct VaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault",
        abstract:
            "Operate a vault folder: recordings, playback and legal exports, holds, sweeps, the audit log, complaints, key rotation and transparency reports.",
        discussion: """
            A vault folder is what 'callvault vault init' (or a host, through CallVaultSQLite's \
            VaultFolder) makes: vault.json (the organisation, purposes, retention, contacts, hold \
            officers), access-policy.json, keys/organisation.signing-key and keys/recordings.identity \
            (both sealed under one passphrase), audit.log, vault.sqlite and blobs/.

            Every command takes --vault DIR. Commands that write to the vault or need its keys (init, \
            import, play, export, consent, hold, sweep, complaint, rotate, report) read the passphrase from \
            CALLVAULT_PASSPHRASE, or ask for it at the terminal with echo off; list, show, exports, audit, \
            kept-indefinitely and verify read what needs no key, and never ask. A vault is open for writing in one process at a \
            time: a command refuses to run while a recorder or another command has it open. A \
            command that opens it for writing first settles recordings a crashed recorder left in \
            'recording' (kept as incomplete up to their last flushed segment, scheduled, audited, \
            and named on standard error). A vault whose vault.sqlite or blobs/ is missing, or whose \
            database is empty, is damaged: commands exit 2 and create nothing in its place.

            vault.json and access-policy.json are signed by the organisation key (vault-files.sig) \
            and each signed version is in the audit log: a file edited outside CallVault is refused \
            (exit 2) until the edit is signed, or undone, with 'callvault vault accept-changes'.

            A vault made with 'vault init --simulation' (a demo, a rehearsal whose clock jumps \
            ahead) is marked as a simulation in its signed vault.json: every command notes it on \
            standard error; commands that only read it (list, show, play, report, verify, audit, \
            exports, kept-indefinitely, sweep --plan, hold list, complaint list) run as usual; \
            commands that change it run only with --simulation (exit 1 without); --simulation \
            for a live vault is refused (exit 1). 'vault show' and 'vault list' mark it.

            Every access goes through the vault's access policy and is written to its audit log, \
            exactly as in a host: the tool has no way around either.

            Exit status: 0 success; 1 bad input, an unknown recording or complaint, an I/O error, \
            the vault in use, or a simulated vault changed without --simulation (or --simulation for \
            a live vault); 2 the audit log, the database or an export package was altered, \
            damaged or missing (a catalog entry that does not verify, keys missing without a \
            deletion, a media format the envelope header contradicts); 3 the \
            audit log is incomplete; 4 wrong passphrase (or an audit log signed by another key); \
            6 access denied (the policy refused a play or export, or the principal is not a hold \
            officer); 64 usage error.
            """,
        subcommands: [
            VaultInit.self, VaultImport.self, VaultList.self, VaultShow.self, VaultPlay.self, VaultExport.self,
            VaultHold.self,
            VaultSweep.self, VaultAudit.self, VaultComplaint.self, VaultRotate.self, VaultReport.self,
            VaultVerify.self, VaultAcceptChanges.self, VaultConsent.self, VaultExports.self, VaultKeptIndefinitely.self,
        ]
    )
}
