import CallVaultCore
import CallVaultSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rules for a path a file is written to, checked before anything is written and again just
/// before the file appears there.
///
/// - Only a regular file is ever replaced; a destination that exists as anything else (a device
///   such as `/dev/full`, a pipe, a socket, a folder, or a symbolic link) is refused. Outputs are
///   written to a temporary file and renamed into place, and a rename over a device would replace
///   the device itself.
/// - The destination must not be one of the inputs, by device and inode, so neither a symbolic
///   link nor a hard link to an input gets past: the input would be replaced by its own output.
/// - Its folder must exist.
enum OutputDestination {
    /// What identifies a file whatever path reaches it: its device and inode.
    struct FileIdentity: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }

        /// The file `path` leads to (following links), or `nil` when there is none.
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }

        /// The file open as `descriptor`.
        init?(descriptor: Int32) {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return nil }
            self.init(info)
        }
    }

    /// Throws unless `destination` may be written, as a new file or by replacing a regular file
    /// that is none of `inputs`.
    static func check(_ destination: String, distinctFrom inputs: [FileIdentity]) throws(FileError) {
        guard !destination.isEmpty else {
            throw FileError(operation: "write", path: destination, reason: "no file name was given")
        }
        let directory = FileSystem.directory(of: destination)
        var folder = stat()
        guard stat(directory, &folder) == 0 else {
            let code = errno
            throw FileError(
                operation: "write", path: destination,
                reason: "its folder '\(directory)' does not exist or cannot be reached (\(FileError.describe(code)))",
                underlying: systemCallCause(errno: code, call: "stat"))
        }
        guard folder.st_mode & S_IFMT == S_IFDIR else {
            throw FileError(operation: "write", path: destination, reason: "'\(directory)' is not a folder")
        }
        var info = stat()
        guard lstat(destination, &info) == 0 else {
            guard errno == ENOENT else {
                throw FileError.fromErrno("write", destination)
            }
            return
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileError(
                operation: "write", path: destination,
                reason:
                    "it is \(kind(of: info.st_mode)), not a regular file; only a new file or an existing regular file is written, never a device, pipe, socket, link or folder. Give the path of a regular file"
            )
        }
        guard !inputs.contains(FileIdentity(info)) else {
            throw FileError(
                operation: "write", path: destination,
                reason:
                    "it is the input (the same file, perhaps through a link), which writing there would destroy. Choose another output path"
            )
        }
    }

    /// How a problem names a file type.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a pipe (FIFO)"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a folder"
        default: "not a regular file"
        }
    }
}
