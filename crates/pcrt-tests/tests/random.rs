//! The random module's streams against CPython 3.11: every expected value was
//! printed by CPython after the same `random.seed(...)`.
//!
//! One test function: the module's generator is process-wide, and tests of
//! one binary run on several threads.

use pcrt_tests::random;

#[test]
fn streams_match_cpython() {
    // random.seed(42); [random.random() for _ in range(3)]
    random::random_seed(42);
    let got: Vec<f64> = (0..3).map(|_| random::random_random()).collect();
    assert_eq!(
        got,
        [
            0.6394267984578837,
            0.025010755222666936,
            0.27502931836911926
        ]
    );
    // random.seed(0); [random.randint(1, 100) for _ in range(5)]
    random::random_seed(0);
    let got: Vec<i64> = (0..5)
        .map(|_| random::random_randint(1, 100).unwrap())
        .collect();
    assert_eq!(got, [50, 98, 54, 6, 34]);
    // random.seed(2**40 + 7); x = list(range(10)); random.shuffle(x)
    random::random_seed((1 << 40) + 7);
    let mut x: Vec<i64> = (0..10).collect();
    random::random_shuffle(&mut x);
    assert_eq!(x, EXPECTED_SHUFFLE);
    // random.seed(-5); random.gauss(0, 1), random.gauss(0, 1)
    random::random_seed(-5);
    let g = [
        random::random_gauss(0.0, 1.0),
        random::random_gauss(0.0, 1.0),
    ];
    assert_eq!(g, EXPECTED_GAUSS);
    // random.seed(1); random.sample(range(100), 5) (the set strategy) and of 10 items
    random::random_seed(1);
    let pop: Vec<i64> = (0..100).collect();
    assert_eq!(random::random_sample(&pop, 5).unwrap(), EXPECTED_SAMPLE_BIG);
    let small: Vec<i64> = (0..10).collect();
    assert_eq!(
        random::random_sample(&small, 3).unwrap(),
        EXPECTED_SAMPLE_SMALL
    );
    assert_eq!(
        random::random_sample(&small, 11).unwrap_err().to_string(),
        "ValueError: Sample larger than population or is negative"
    );
    assert_eq!(
        random::random_choice::<i64>(&[]).unwrap_err().to_string(),
        "IndexError: Cannot choose from an empty sequence"
    );
    assert_eq!(
        random::random_randint(5, 3).unwrap_err().to_string(),
        "ValueError: empty range for randrange() (5, 4, -1)"
    );
}

const EXPECTED_SHUFFLE: [i64; 10] = [0, 5, 2, 3, 6, 1, 8, 4, 7, 9];
const EXPECTED_GAUSS: [f64; 2] = [-1.1788417512306717, -1.1481606807908016];
const EXPECTED_SAMPLE_BIG: [i64; 5] = [17, 72, 97, 8, 32];
const EXPECTED_SAMPLE_SMALL: [i64; 3] = [1, 7, 8];
