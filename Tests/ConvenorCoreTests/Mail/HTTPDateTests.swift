import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

@Suite struct HTTPDateTests {
    /// RFC 9110 §5.6.7's own example (a two-digit day), a leap day, and the last second of a month.
    @Test(arguments: [
        (784_111_777.0, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (1_709_164_800.0, "Thu, 29 Feb 2024 00:00:00 GMT"),
        (1_801_439_999.0, "Sun, 31 Jan 2027 23:59:59 GMT"),
    ])
    func formatsIMFFixdate(seconds: Double, expected: String) {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func agreesWithFoundationOnRandomInstantsFrom1970To2100() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<500 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0..<4_102_444_800, using: &generator)))
            #expect(HTTPDate.format(date) == formatter.string(from: date))
        }
    }
}
