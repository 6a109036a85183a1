//! Dynamic values (`Any`, unions, JSON-shaped data): CPython's results and
//! `TypeError` messages.

use pcrt_tests::pcrt::IndexMap;
use pcrt_tests::pcrt::{self, ExcKind, IntoObj, Obj, PyRepr};

fn s(x: &str) -> Obj {
    Obj::Str(x.to_string())
}

fn err(r: pcrt::PyResult<impl std::fmt::Debug>) -> (ExcKind, String) {
    let e = r.expect_err("should raise");
    (e.kind, e.message)
}

#[test]
fn repr_and_str_follow_cpython() {
    let mut d = IndexMap::default();
    d.insert(
        s("a"),
        Obj::List(vec![Obj::Int(1), Obj::Float(2.0), Obj::None]),
    );
    d.insert(Obj::Int(3), Obj::Tuple(vec![Obj::Bool(true)]));
    let v = Obj::Dict(d);
    assert_eq!(v.py_repr(), "{'a': [1, 2.0, None], 3: (True,)}");
    assert_eq!(s("it's").py_repr(), "\"it's\"");
    assert_eq!(s("x").py_str(), "x");
    assert_eq!(Obj::Set(Default::default()).py_repr(), "set()");
}

#[test]
fn arithmetic_and_its_type_errors() {
    assert_eq!(
        pcrt::obj_add(&Obj::Int(1), &Obj::Float(0.5)).unwrap(),
        Obj::Float(1.5)
    );
    assert_eq!(
        pcrt::obj_add(&Obj::Bool(true), &Obj::Int(1)).unwrap(),
        Obj::Int(2)
    );
    assert_eq!(pcrt::obj_add(&s("a"), &s("b")).unwrap(), s("ab"));
    assert_eq!(
        err(pcrt::obj_add(&s("a"), &Obj::Int(1))),
        (
            ExcKind::TypeError,
            "can only concatenate str (not \"int\") to str".into()
        )
    );
    assert_eq!(
        err(pcrt::obj_add(&Obj::Int(1), &s("a"))),
        (
            ExcKind::TypeError,
            "unsupported operand type(s) for +: 'int' and 'str'".into()
        )
    );
    assert_eq!(pcrt::obj_mul(&Obj::Int(2), &s("ab")).unwrap(), s("abab"));
    assert_eq!(
        err(pcrt::obj_mul(&s("a"), &Obj::Float(2.0))),
        (
            ExcKind::TypeError,
            "can't multiply sequence by non-int of type 'float'".into()
        )
    );
    assert_eq!(
        pcrt::obj_truediv(&Obj::Int(1), &Obj::Int(2)).unwrap(),
        Obj::Float(0.5)
    );
    assert_eq!(
        err(pcrt::obj_truediv(&Obj::Int(1), &Obj::Int(0))).0,
        ExcKind::ZeroDivisionError
    );
    assert_eq!(
        pcrt::obj_floordiv(&Obj::Int(-7), &Obj::Int(2)).unwrap(),
        Obj::Int(-4)
    );
    assert_eq!(
        err(pcrt::obj_add(&Obj::Int(i64::MAX), &Obj::Int(1))).0,
        ExcKind::OverflowError
    );
}

#[test]
fn equality_hash_and_order() {
    assert_eq!(Obj::Int(1), Obj::Float(1.0));
    assert_eq!(Obj::Int(1), Obj::Bool(true));
    assert_ne!(s("1"), Obj::Int(1));
    let mut d = IndexMap::default();
    d.insert(Obj::Int(1), s("int"));
    d.insert(Obj::Float(1.0), s("float"));
    assert_eq!(d.len(), 1);
    assert!(pcrt::obj_lt(&Obj::Int(1), &Obj::Float(1.5)).unwrap());
    assert_eq!(
        err(pcrt::obj_lt(&Obj::Int(1), &s("a"))),
        (
            ExcKind::TypeError,
            "'<' not supported between instances of 'int' and 'str'".into()
        )
    );
    let sorted = pcrt::obj_sorted(vec![Obj::Int(3), Obj::Float(1.5), Obj::Bool(false)], false);
    assert_eq!(
        sorted.unwrap(),
        vec![Obj::Bool(false), Obj::Float(1.5), Obj::Int(3)]
    );
    assert_eq!(
        err(pcrt::obj_sorted(vec![Obj::Int(3), s("a")], false)).0,
        ExcKind::TypeError
    );
}

#[test]
fn items_and_membership() {
    let xs = Obj::List(vec![Obj::Int(1), s("two")]);
    assert_eq!(pcrt::obj_getitem(&xs, &Obj::Int(-1)).unwrap(), s("two"));
    assert_eq!(
        err(pcrt::obj_getitem(&xs, &Obj::Int(2))),
        (ExcKind::IndexError, "list index out of range".into())
    );
    assert_eq!(
        err(pcrt::obj_getitem(&xs, &s("a"))),
        (
            ExcKind::TypeError,
            "list indices must be integers or slices, not str".into()
        )
    );
    assert_eq!(
        err(pcrt::obj_getitem(&Obj::Int(3), &Obj::Int(0))),
        (
            ExcKind::TypeError,
            "'int' object is not subscriptable".into()
        )
    );
    let d = vec![("k".to_string(), 1i64)]
        .into_iter()
        .collect::<IndexMap<_, _>>()
        .into_obj();
    assert_eq!(
        err(pcrt::obj_getitem(&d, &s("x"))),
        (ExcKind::KeyError, "'x'".into())
    );
    assert_eq!(
        err(pcrt::obj_getitem(&d, &xs)),
        (ExcKind::TypeError, "unhashable type: 'list'".into())
    );
    assert!(pcrt::obj_contains(&d, &s("k")).unwrap());
    assert_eq!(
        err(pcrt::obj_contains(&s("abc"), &Obj::Int(1))),
        (
            ExcKind::TypeError,
            "'in <string>' requires string as left operand, not int".into()
        )
    );
    assert_eq!(
        err(pcrt::obj_len(&Obj::Int(1))),
        (
            ExcKind::TypeError,
            "object of type 'int' has no len()".into()
        )
    );
    assert_eq!(
        err(pcrt::obj_iter(Obj::None)),
        (
            ExcKind::TypeError,
            "'NoneType' object is not iterable".into()
        )
    );
    assert_eq!(
        err(pcrt::obj_get(&xs, &s("a"), Obj::None)),
        (
            ExcKind::AttributeError,
            "'list' object has no attribute 'get'".into()
        )
    );
}

#[test]
fn declared_types_are_checked() {
    let v: Vec<i64> = pcrt::obj_cast(vec![1i64, 2].into_obj()).unwrap();
    assert_eq!(v, vec![1, 2]);
    let (kind, msg) = err(pcrt::obj_cast::<Vec<i64>>(Obj::List(vec![s("a")])));
    assert_eq!(kind, ExcKind::TypeError);
    assert!(msg.starts_with("expected int, got str"), "{msg}");
    assert_eq!(
        err(pcrt::obj_as_int(&Obj::Bool(true))).0,
        ExcKind::TypeError
    );
    let back: Vec<Obj> = pcrt::obj_convert(vec![1i64, 2]).unwrap();
    assert_eq!(back, vec![Obj::Int(1), Obj::Int(2)]);
}

#[test]
fn crosses_the_abi_by_what_it_holds() {
    use pcrt::abi::{decode_from_slice, encode_to_vec};
    let v = Obj::List(vec![
        Obj::None,
        Obj::Tuple(vec![Obj::Int(1), Obj::Float(-0.0)]),
        vec![("a".to_string(), true)]
            .into_iter()
            .collect::<IndexMap<_, _>>()
            .into_obj(),
    ]);
    let back: Obj = decode_from_slice(&encode_to_vec(&v)).unwrap();
    assert_eq!(back.py_repr(), v.py_repr());
}
