import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation

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
final class VaultFolderLock: Sendable {
    let path: String
    private let descriptors: LockedState<[Int32]>

    private init(path: String, descriptors: [Int32]) {
        self.path = path
        self.descriptors = LockedState(descriptors)
    }

    deinit {
        release()
    }

    /// Takes the lock: the folder's, then `file`'s (created with mode 0600 if needed).
    ///
    /// - Throws: ``VaultFolderError/inUse(path:)`` when another open holds it.
    static func acquire(folder: String, file: String) throws -> VaultFolderLock {
        let directory = POSIXFiles.openFile(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard directory >= 0 else { throw POSIXFiles.failure(folder, "opening the vault's folder", -directory) }
        do {
            try lock(directory, path: folder, folder: folder)
        } catch {
            close(directory)
            throw error
        }
        let path = folder + "/" + file
        let descriptor = POSIXFiles.openFile(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            close(directory)
            throw POSIXFiles.failure(path, "opening the vault's lock file", -descriptor)
        }
        do {
            try lock(descriptor, path: path, folder: folder)
        } catch {
            close(descriptor)
            close(directory)
            throw error
        }
        return VaultFolderLock(path: folder, descriptors: [directory, descriptor])
    }

    /// An exclusive, non-blocking `flock` of `descriptor`.
    private static func lock(_ descriptor: Int32, path: String, folder: String) throws {
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK { throw VaultFolderError.inUse(path: folder) }
            throw POSIXFiles.failure(path, "locking the vault", code)
        }
    }

    /// Whether the lock is still held.
    var isHeld: Bool { descriptors.withLock { !$0.isEmpty } }

    /// Drops the lock. Idempotent.
    func release() {
        descriptors.withLock { descriptors in
            // Unlock before closing: a child process forked meanwhile holds a copy of each
            // descriptor until it execs, and closing ours alone would leave the lock with it.
            for descriptor in descriptors {
                flock(descriptor, LOCK_UN)
                close(descriptor)
            }
            descriptors = []
        }
    }
}

/// The vault folder's audit log file, written only while the folder's lock is held: the sink lives
/// as long as the `AuditLog` over it, so the lock does too.
struct LockedAuditSink: AuditSink {
    let file: AuditFileSink
    let lock: VaultFolderLock

    func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        guard lock.isHeld else { throw VaultFolderError.closed(path: lock.path) }
        return try await file.open(newLogID: logID, signer: signer, at: timestamp)
    }

    func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        guard lock.isHeld else { throw VaultFolderError.closed(path: lock.path) }
        try await file.append(entries, checkpoint: checkpoint)
    }

    /// Reading needs no lock: the file is append-only.
    func entries(about target: String) async throws -> [AuditEntry] {
        try await file.entries(about: target)
    }
}
