package import CallVaultAudit
import CallVaultCore
package import CallVaultCrypto
import CallVaultSupport
package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive lock a process holds on a vault folder while it has the vault open for writing,
/// so two writers never append to one audit log file (their entries would fork its hash chain).
///
/// The lock is an advisory `flock` on the vault folder itself (its own open directory), which no
/// one can delete or replace while the folder is the vault: removing or swapping `vault.lock`
/// changes nothing. `vault.lock` is locked too, for earlier versions of CallVault, which lock
/// only it. The operating system drops both when the process ends, so a crash never leaves the
/// vault locked. (`flock` locks belong to the open file, so a second open in the same process is
/// refused just as another process is.)
package final class VaultFolderLock: Sendable {
    /// The vault's folder.
    package let path: String
    private let files: LockedState<[SystemFile]>

    private init(path: String, files: [SystemFile]) {
        self.path = path
        self.files = LockedState(files)
    }

    deinit {
        release()
    }

    /// Takes the lock: the folder's, then `file`'s (created with mode 0600 if needed).
    ///
    /// - Throws: ``VaultFolderError/inUse(path:)`` when another open holds it.
    package static func acquire(folder: String, file: String) throws -> VaultFolderLock {
        // Each file closes when released, so a failure part way leaves nothing open.
        let directory = try FileStoreError.reporting { () throws(SystemCallError) in
            try SystemFile.open(folder, flags: O_RDONLY | O_DIRECTORY)
        }
        try lock(directory.descriptor, path: folder, folder: folder)
        let path = folder + "/" + file
        let lockFile = try FileStoreError.reporting { () throws(SystemCallError) in
            try SystemFile.open(path, flags: O_RDWR | O_CREAT)
        }
        try lock(lockFile.descriptor, path: path, folder: folder)
        return VaultFolderLock(path: folder, files: [directory, lockFile])
    }

    /// An exclusive, non-blocking `flock` of `descriptor`.
    private static func lock(_ descriptor: Int32, path: String, folder: String) throws {
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK { throw VaultFolderError.inUse(path: folder) }
            throw FileStoreError(.system("flock", "lock the vault", path, code))
        }
    }

    /// Whether the lock is still held.
    package var isHeld: Bool { files.withLock { !$0.isEmpty } }

    /// Drops the lock. Idempotent.
    package func release() {
        files.withLock { files in
            // Unlock before closing: a child process forked meanwhile holds a copy of each
            // descriptor until it execs, and closing ours alone would leave the lock with it.
            for file in files {
                flock(file.descriptor, LOCK_UN)
            }
            files = []
        }
    }
}

/// The vault folder's audit log file, written only while the folder's lock is held: the sink lives
/// as long as the `AuditLog` over it, so the lock does too.
package struct LockedAuditSink: AuditSink {
    /// The audit log file.
    package let file: AuditFileSink
    /// The lock the file is written under.
    package let lock: VaultFolderLock

    /// A sink writing `file` while `lock` is held.
    package init(file: AuditFileSink, lock: VaultFolderLock) {
        self.file = file
        self.lock = lock
    }

    package func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        guard lock.isHeld else { throw VaultFolderError.closed(path: lock.path) }
        return try await file.open(newLogID: logID, signer: signer, at: timestamp)
    }

    package func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        guard lock.isHeld else { throw VaultFolderError.closed(path: lock.path) }
        try await file.append(entries, checkpoint: checkpoint)
    }

    /// Reading needs no lock: the file is append-only.
    package func entries(about target: String) async throws -> [AuditEntry] {
        try await file.entries(about: target)
    }

    /// Reading needs no lock: the file is append-only.
    package func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        try await file.entries(about: targets)
    }
}
