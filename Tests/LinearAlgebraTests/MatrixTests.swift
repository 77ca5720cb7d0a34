import Testing
@testable import LinearAlgebra

@Test func matrixIsRowMajor() {
    let m = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m[1, 0] == 4)
    #expect(m.elements == [1, 2, 3, 4, 5, 6])
    #expect(m.row(1) == [4, 5, 6])
}

@Test func transposeSwapsIndices() {
    let m = Matrix<Float>([[1, 2, 3], [4, 5, 6]])
    let t = m.transposed
    #expect(t.rows == 3 && t.columns == 2)
    #expect(t.elements == [1, 4, 2, 5, 3, 6])
    #expect(t.transposed == m)
}

@Test func subscriptWrites() {
    var m = Matrix<Double>(rows: 2, columns: 2)
    m[0, 1] = 7
    #expect(m.elements == [0, 7, 0, 0])
}
