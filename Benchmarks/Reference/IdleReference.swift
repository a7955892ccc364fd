// The idle benchmark's reference: the smallest Swift program that loads Foundation and waits.
// bench.py builds it with `swiftc -O` and compares the daemon's private memory against it.
import Foundation

print("ready \(ProcessInfo.processInfo.processIdentifier)")
fflush(stdout)
Thread.sleep(forTimeInterval: 3600)
