import CallVault
import Foundation
import Testing

@testable import CallVaultSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// A `flock` belongs to the open file, shared by every copy of its descriptor: a child process
/// forked (by any thread of the host) between a lock's open and its close inherits a copy until
/// it calls exec, and a plain `close` then leaves the lock held by that copy. Releasing must unlock
/// explicitly, or a vault opened right after its creation is refused as "open in another process".
/// Each test stands in for the child with a `dup` of the lock's descriptor.
@Suite("locks are released even while a forked child holds a copy of the descriptor")
struct InheritedLockTests {
    /// A copy of the first descriptor of this process open on `path`, as a forked child holds.
    static func copyOfDescriptor(openOn path: String) throws -> Int32 {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        for name in try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            guard let descriptor = Int32(name),
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)"),
                target == resolved
            else { continue }
            let copy = dup(descriptor)
            if copy >= 0 { return copy }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }

    @Test("a released vault lock can be taken again while a copy of its descriptor lives")
    func vaultLockReleased() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.folder("vault")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lock = try VaultFolderLock.acquire(folder: folder, file: "vault.lock")
        let copy = try Self.copyOfDescriptor(openOn: folder)
        defer { close(copy) }
        lock.release()
        let again = try VaultFolderLock.acquire(folder: folder, file: "vault.lock")
        again.release()
    }

    @Test("a folder built by StagedDirectory can be locked at once while a copy of the builder's descriptor lives")
    func stagedBuildUnlocked() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let destination = URL(fileURLWithPath: scratch.folder("parent") + "/vault")
        var copy: Int32 = -1
        defer { if copy >= 0 { close(copy) } }
        try StagedDirectory(destination, kind: "init").build { staging in
            copy = try Self.copyOfDescriptor(openOn: staging.path)
        }
        let lock = try VaultFolderLock.acquire(folder: destination.path, file: "vault.lock")
        lock.release()
    }
}
