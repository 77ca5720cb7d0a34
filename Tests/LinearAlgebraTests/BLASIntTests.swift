import Testing
@testable import LinearAlgebra

@Test func blasIntConvertsSizesThatFit() {
    #expect(blasInt(0) == 0)
    #expect(blasInt(Int(Int32.max)) == Int32.max)
}
