/// Conversions of Swift `Int` sizes to the 32-bit integers the CBLAS interface takes.
///
/// OpenBLAS as packaged by Debian uses 32-bit indices; a dimension that does not fit is a programmer's
/// mistake (a matrix of more than 2^31 rows or columns), so it traps with a clear message instead of
/// silently wrapping.
@inline(__always)
func blasInt(_ value: Int, _ what: StaticString = "dimension") -> Int32 {
    guard let converted = Int32(exactly: value) else {
        preconditionFailure("BLAS \(what) \(value) does not fit in a 32-bit integer")
    }
    return converted
}
