//! Unit tests for the parameter styles: the OpenAPI 3.0.3 "Style Examples" table row by row, then the cases it leaves out.

use serde::Serialize;

use super::{cookie_pairs, header_value, path_segment, query_pairs, serialize, Node, ParamStyle};

/// The table's object: `{"R": 100, "G": 200, "B": 150}`, in that order.
#[derive(Serialize)]
struct Color {
    #[serde(rename = "R")]
    r: u32,
    #[serde(rename = "G")]
    g: u32,
    #[serde(rename = "B")]
    b: u32,
}

const COLOR: Color = Color {
    r: 100,
    g: 200,
    b: 150,
};

const ARRAY: [&str; 3] = ["blue", "black", "brown"];

/// Where a row of the table applies.
#[derive(Clone, Copy, Debug)]
enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

/// Writes `value` the way the table prints it: a path segment as it is; query pairs as
/// `name=value` joined by `&`, with a space shown as `%20` (the one character the table
/// encodes); a header value as it is; cookies as their `Cookie` header text.
fn render<T: Serialize + ?Sized>(
    location: Location,
    value: &T,
    style: ParamStyle,
    explode: bool,
) -> String {
    let serialized = serialize(value).expect("serializes");
    let rendered = match location {
        Location::Path => path_segment("color", serialized, style, explode),
        Location::Query => query_pairs("color", serialized, style, explode).map(|pairs| {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(name, value)| format!("{name}={value}").replace(' ', "%20"))
                .collect();
            pairs.join("&")
        }),
        Location::Header => header_value(serialized, style, explode).map(Option::unwrap_or_default),
        Location::Cookie => {
            cookie_pairs("color", serialized, style, explode).map(|pairs| pairs.join("; "))
        }
    };
    rendered.unwrap_or_else(|reason| panic!("{location:?} {style:?} {explode}: {reason}"))
}

/// One row of the table: the style, `explode`, where it applies, and the texts for the
/// empty string, `blue`, the array and the object (`None` where the table says n/a).
type Row = (ParamStyle, bool, Location, [Option<&'static str>; 4]);

/// The OpenAPI 3.0.3 "Style Examples" table. The spaceDelimited and pipeDelimited rows are
/// printed there without the `color=` every query pair has; it is added here.
const TABLE: &[Row] = &[
    (
        ParamStyle::Matrix,
        false,
        Location::Path,
        [
            Some(";color"),
            Some(";color=blue"),
            Some(";color=blue,black,brown"),
            Some(";color=R,100,G,200,B,150"),
        ],
    ),
    (
        ParamStyle::Matrix,
        true,
        Location::Path,
        [
            Some(";color"),
            Some(";color=blue"),
            Some(";color=blue;color=black;color=brown"),
            Some(";R=100;G=200;B=150"),
        ],
    ),
    (
        ParamStyle::Label,
        false,
        Location::Path,
        [
            Some("."),
            Some(".blue"),
            Some(".blue.black.brown"),
            Some(".R.100.G.200.B.150"),
        ],
    ),
    (
        ParamStyle::Label,
        true,
        Location::Path,
        [
            Some("."),
            Some(".blue"),
            Some(".blue.black.brown"),
            Some(".R=100.G=200.B=150"),
        ],
    ),
    (
        ParamStyle::Form,
        false,
        Location::Query,
        [
            Some("color="),
            Some("color=blue"),
            Some("color=blue,black,brown"),
            Some("color=R,100,G,200,B,150"),
        ],
    ),
    (
        ParamStyle::Form,
        true,
        Location::Query,
        [
            Some("color="),
            Some("color=blue"),
            Some("color=blue&color=black&color=brown"),
            Some("R=100&G=200&B=150"),
        ],
    ),
    (
        ParamStyle::Simple,
        false,
        Location::Path,
        [
            None,
            Some("blue"),
            Some("blue,black,brown"),
            Some("R,100,G,200,B,150"),
        ],
    ),
    (
        ParamStyle::Simple,
        true,
        Location::Path,
        [
            None,
            Some("blue"),
            Some("blue,black,brown"),
            Some("R=100,G=200,B=150"),
        ],
    ),
    (
        ParamStyle::SpaceDelimited,
        false,
        Location::Query,
        [
            None,
            None,
            Some("color=blue%20black%20brown"),
            Some("color=R%20100%20G%20200%20B%20150"),
        ],
    ),
    (
        ParamStyle::PipeDelimited,
        false,
        Location::Query,
        [
            None,
            None,
            Some("color=blue|black|brown"),
            Some("color=R|100|G|200|B|150"),
        ],
    ),
    (
        ParamStyle::DeepObject,
        true,
        Location::Query,
        [
            None,
            None,
            None,
            Some("color[R]=100&color[G]=200&color[B]=150"),
        ],
    ),
];

#[test]
fn every_row_of_the_specification_table() {
    for (style, explode, location, expected) in TABLE {
        let [empty, string, array, object] = *expected;
        let write = |column: usize| match column {
            0 => render(*location, "", *style, *explode),
            1 => render(*location, "blue", *style, *explode),
            2 => render(*location, &ARRAY, *style, *explode),
            _ => render(*location, &COLOR, *style, *explode),
        };
        for (column, expected) in [empty, string, array, object].into_iter().enumerate() {
            // The table's "n/a" cells are the combinations a style does not define.
            if let Some(expected) = expected {
                assert_eq!(write(column), expected, "{style:?} explode={explode}");
            }
        }
    }
}

#[test]
fn header_simple_and_cookie_form_follow_the_same_rows() {
    use Location::{Cookie, Header};
    use ParamStyle::{Form, Simple};
    assert_eq!(render(Header, "blue", Simple, false), "blue");
    assert_eq!(render(Header, &ARRAY, Simple, false), "blue,black,brown");
    assert_eq!(render(Header, &ARRAY, Simple, true), "blue,black,brown");
    assert_eq!(render(Header, &COLOR, Simple, false), "R,100,G,200,B,150");
    assert_eq!(render(Header, &COLOR, Simple, true), "R=100,G=200,B=150");
    assert_eq!(render(Cookie, "", Form, false), "color=");
    assert_eq!(render(Cookie, "blue", Form, true), "color=blue");
    assert_eq!(
        render(Cookie, &ARRAY, Form, false),
        "color=blue,black,brown"
    );
    assert_eq!(
        render(Cookie, &ARRAY, Form, true),
        "color=blue; color=black; color=brown"
    );
    assert_eq!(
        render(Cookie, &COLOR, Form, false),
        "color=R,100,G,200,B,150"
    );
    assert_eq!(render(Cookie, &COLOR, Form, true), "R=100; G=200; B=150");
}

#[test]
fn scalars_are_written_as_their_json_text() {
    let simple = ParamStyle::Simple;
    assert_eq!(render(Location::Path, &42, simple, false), "42");
    assert_eq!(render(Location::Path, &-1.5, simple, false), "-1.5");
    assert_eq!(render(Location::Path, &true, simple, false), "true");
    assert_eq!(render(Location::Path, &None::<u8>, simple, false), "");
    assert_eq!(render(Location::Path, "a b", simple, false), "a%20b");
    assert_eq!(
        render(Location::Path, "ä/,;", simple, false),
        "%C3%A4%2F%2C%3B"
    );
    #[derive(Serialize)]
    struct Amount {
        #[serde(with = "super::super::exact")]
        value: rust_decimal::Decimal,
    }
    let exact = "0.1234567890123456789012345678".parse().expect("decimal");
    let pairs = query_pairs(
        "amount",
        serialize(&Amount { value: exact }).expect("serializes"),
        ParamStyle::DeepObject,
        true,
    )
    .expect("writes");
    assert_eq!(
        pairs,
        [(
            "amount[value]".to_owned(),
            "0.1234567890123456789012345678".to_owned()
        )]
    );
}

#[test]
fn path_values_keep_their_delimiters_apart() {
    let values = ["a,b", "c;d=e"];
    assert_eq!(
        render(Location::Path, &values, ParamStyle::Simple, false),
        "a%2Cb,c%3Bd%3De"
    );
    assert_eq!(
        render(Location::Path, &values, ParamStyle::Matrix, true),
        ";color=a%2Cb;color=c%3Bd%3De"
    );
}

#[test]
fn empty_arrays_and_objects_add_nothing() {
    let empty: [&str; 0] = [];
    let none = std::collections::BTreeMap::<String, u8>::new();
    for explode in [false, true] {
        for style in [
            ParamStyle::Form,
            ParamStyle::SpaceDelimited,
            ParamStyle::PipeDelimited,
        ] {
            assert_eq!(render(Location::Query, &empty, style, explode), "");
            assert_eq!(render(Location::Query, &none, style, explode), "");
        }
        assert_eq!(
            render(Location::Cookie, &empty, ParamStyle::Form, explode),
            ""
        );
        let header = header_value(
            serialize(&empty).expect("serializes"),
            ParamStyle::Simple,
            explode,
        );
        assert_eq!(header, Ok(None));
        for style in [ParamStyle::Simple, ParamStyle::Label, ParamStyle::Matrix] {
            assert_eq!(render(Location::Path, &empty, style, explode), "");
        }
    }
    assert_eq!(
        render(Location::Query, &none, ParamStyle::DeepObject, true),
        ""
    );
    assert_eq!(
        render(Location::Query, &(), ParamStyle::DeepObject, true),
        ""
    );
}

#[test]
fn exploded_delimited_styles_are_form_exploded() {
    for style in [ParamStyle::SpaceDelimited, ParamStyle::PipeDelimited] {
        assert_eq!(
            render(Location::Query, &ARRAY, style, true),
            "color=blue&color=black&color=brown"
        );
    }
}

#[test]
fn deep_objects_nest_and_refuse_arrays() {
    let nested = serde_json::json!({"a": {"b": 1, "c": null}, "d": "x y"});
    assert_eq!(
        render(Location::Query, &nested, ParamStyle::DeepObject, true),
        "color[a][b]=1&color[a][c]=&color[d]=x%20y"
    );
    for value in [
        serde_json::json!({"a": [1]}),
        serde_json::json!([1]),
        serde_json::json!(1),
    ] {
        let serialized = serialize(&value).expect("serializes");
        assert!(
            query_pairs("f", serialized, ParamStyle::DeepObject, true).is_err(),
            "{value}"
        );
    }
}

#[test]
fn json_content_is_one_value() {
    let value = serde_json::json!({"a": [1, "x"]});
    assert_eq!(
        render(Location::Query, &value, ParamStyle::JsonContent, false),
        r#"color={"a":[1,"x"]}"#
    );
    assert_eq!(
        render(Location::Path, &value, ParamStyle::JsonContent, false),
        "%7B%22a%22%3A%5B1%2C%22x%22%5D%7D"
    );
    assert_eq!(
        render(Location::Header, &value, ParamStyle::JsonContent, false),
        r#"{"a":[1,"x"]}"#
    );
    assert_eq!(
        render(Location::Cookie, &value, ParamStyle::JsonContent, false),
        "color={%22a%22:[1%2C%22x%22]}"
    );
}

#[test]
fn refuses_nested_values_and_misplaced_styles() {
    let nested = serde_json::json!([[1]]);
    let serialized = || serialize(&nested).expect("serializes");
    assert!(query_pairs("q", serialized(), ParamStyle::Form, true).is_err());
    assert!(path_segment("p", serialized(), ParamStyle::Simple, false).is_err());
    assert!(header_value(serialized(), ParamStyle::Simple, false).is_err());
    let scalar = || serialize("x").expect("serializes");
    let message = query_pairs("q", scalar(), ParamStyle::Matrix, false).expect_err("misplaced");
    assert_eq!(
        message,
        "the `matrix` style does not apply to a query parameter"
    );
    assert!(path_segment("p", scalar(), ParamStyle::Form, true).is_err());
    assert!(header_value(scalar(), ParamStyle::Form, true).is_err());
    assert!(cookie_pairs("c", scalar(), ParamStyle::Simple, false).is_err());
}

#[test]
fn cookies_encode_only_what_a_cookie_cannot_hold() {
    assert_eq!(
        render(Location::Cookie, "abc+/=%", ParamStyle::Form, true),
        "color=abc+/=%"
    );
    assert_eq!(
        render(Location::Cookie, "a b;c,d\"é", ParamStyle::Form, true),
        "color=a%20b%3Bc%2Cd%22%C3%A9"
    );
    let keys = serde_json::json!({"k=1": "v;"});
    assert_eq!(
        render(Location::Cookie, &keys, ParamStyle::Form, true),
        "k%3D1=v%3B"
    );
}

#[test]
fn reads_serialized_text_back_in_order() {
    let value = serialize(&COLOR).expect("serializes");
    assert_eq!(value.json, r#"{"R":100,"G":200,"B":150}"#);
    assert_eq!(
        value.node,
        Node::Object(vec![
            ("R".to_owned(), Node::Number("100".to_owned())),
            ("G".to_owned(), Node::Number("200".to_owned())),
            ("B".to_owned(), Node::Number("150".to_owned())),
        ])
    );
}
