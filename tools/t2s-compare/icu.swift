// Reads lines on standard input, writes them converted with ICU's
// Hant-Hans transform (through Foundation), for tools/t2s-compare/run.sh.
import Foundation

while let line = readLine() {
    print(line.applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? line)
}
