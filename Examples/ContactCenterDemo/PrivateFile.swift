import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the demo's own files (an identity file, the demo marker) readable by their owner only:
/// created with mode 0600 from the start, never widened by the umask or a later chmod, so a private
/// key is not readable by other users even for a moment.
enum PrivateFile {
    static func write(_ bytes: some Collection<UInt8>, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DemoFileError(path: url.path, errno: errno) }
        defer { close(descriptor) }
        let data = Array(bytes)
        var written = 0
        while written < data.count {
            let count = data.withUnsafeBytes { buffer in
                systemWrite(descriptor, UnsafeRawBufferPointer(rebasing: buffer[written...]))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw DemoFileError(path: url.path, errno: errno) }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw DemoFileError(path: url.path, errno: errno) }
    }
}

/// The C library's `write`, which `PrivateFile.write` hides by name.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, buffer.baseAddress, buffer.count)
    #else
        Darwin.write(descriptor, buffer.baseAddress, buffer.count)
    #endif
}

/// A demo file that could not be written.
struct DemoFileError: Error, CustomStringConvertible {
    let path: String
    let errno: Int32

    var description: String { "could not write \(path): \(String(cString: strerror(errno)))" }
}
