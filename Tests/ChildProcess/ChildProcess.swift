public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a child process with `posix_spawn` and collects its output: what the tool, README and
/// demo tests run the built executables with.
///
/// Not `Foundation.Process`: on Linux (Swift 6.3.1) its `run()` can read past a buffer while it
/// lists `/proc/self/fd` and crash the whole test process, more often the more files the process
/// has open (swift-corelibs-foundation #5472). A child here inherits only what it is given: the
/// pipes are opened close-on-exec and duplicated onto its standard streams.
public enum ChildProcess: Sendable {
    /// How one run ended.
    public struct Result: Sendable {
        /// The exit status, or 128 plus the signal that ended it.
        public let status: Int32
        /// Everything it wrote to standard output.
        public let standardOutput: Data
        /// Everything it wrote to standard error.
        public let standardError: Data
    }

    /// What went wrong starting a child.
    public struct Failure: Error, CustomStringConvertible {
        /// The step and its `errno` text.
        public let description: String
    }

    /// Runs `executable` with `arguments` in `directory` (through `env -C`, which changes to it),
    /// with exactly `environment`, standard input from `/dev/null`; stops it with SIGTERM after
    /// `timeoutSeconds`.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        timeoutSeconds: Int = 300
    ) throws -> Result {
        var command = [executable] + arguments
        if let directory { command = ["/usr/bin/env", "-C", directory, "--"] + command }
        var output: [Int32] = [-1, -1]
        var error: [Int32] = [-1, -1]
        guard pipe(&output) == 0, pipe(&error) == 0 else { throw failure("pipe") }
        // Close-on-exec (pipe2 is not in the Glibc module): only the duplicates reach the child.
        for descriptor in output + error { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard null >= 0 else { throw failure("open /dev/null") }
        defer { close(null) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, null, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, error[1], 2)

        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        close(output[1])
        close(error[1])
        guard spawned == 0 else {
            close(output[0])
            close(error[0])
            throw Failure(description: "posix_spawn \(command[0]): \(String(cString: strerror(spawned)))")
        }
        let (out, err) = drain(output[0], error[0], pid: pid, timeoutSeconds: timeoutSeconds)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return Result(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), standardOutput: out, standardError: err)
    }

    /// Reads both pipes to their ends (a chatty child never blocks on a full pipe), stopping the
    /// child once the deadline passes.
    private static func drain(_ first: Int32, _ second: Int32, pid: pid_t, timeoutSeconds: Int) -> (Data, Data) {
        var data = [Data(), Data()]
        var open = [true, true]
        let descriptors = [first, second]
        let deadline = Date().addingTimeInterval(Double(timeoutSeconds))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while open.contains(true) {
            var polled = descriptors.enumerated().map { index, fd in
                pollfd(fd: open[index] ? fd : -1, events: Int16(POLLIN), revents: 0)
            }
            let ready = poll(&polled, nfds_t(polled.count), 1_000)
            if ready < 0 && errno != EINTR { break }
            if Date() > deadline { kill(pid, SIGTERM) }
            for index in 0..<2 where open[index] && polled[index].revents != 0 {
                let count = read(descriptors[index], &buffer, buffer.count)
                if count > 0 {
                    data[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    open[index] = false
                }
            }
        }
        close(first)
        close(second)
        return (data[0], data[1])
    }

    private static func failure(_ step: String) -> Failure {
        Failure(description: "\(step): \(String(cString: strerror(errno)))")
    }
}
