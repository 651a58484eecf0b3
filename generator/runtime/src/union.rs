//! Support for the generated unions (`oneOf`, `anyOf`, discriminated): capturing a value to try variants on, and writing a tag.
//!
//! A generated union cannot use serde's `untagged` or internally tagged representations:
//! serde buffers the input for them, and a buffered number has already been read as an
//! `f64`, so a decimal inside a variant would lose digits. Instead the union captures the
//! value once with [`Captured`] (the raw text when serde_json is reading, so every variant
//! decodes from the original digits) and tries its variants on it.

#[cfg(test)]
mod tests;

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, Impossible, SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

use super::raw::{capture, Input};

/// A JSON value captured for a union to try its variants on: the raw text when the
/// deserializer is serde_json's own (so decimals in a variant stay exact), otherwise a
/// `serde_json::Value`.
#[derive(Clone, Debug)]
pub struct Captured {
    /// The captured value.
    inner: Inner,
}

/// The two forms a [`Captured`] value can take.
#[derive(Clone, Debug)]
enum Inner {
    /// The value's JSON text, exactly as received.
    Raw(Box<RawValue>),
    /// The value as another deserializer handed it over.
    Value(Value),
}

impl<'de> Deserialize<'de> for Captured {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inner = match capture(deserializer, "any JSON value")? {
            Input::Raw(text) => Inner::Raw(RawValue::from_string(text).map_err(de::Error::custom)?),
            Input::Value(value) => Inner::Value(value),
        };
        Ok(Self { inner })
    }
}

impl Captured {
    /// Decodes the value as `T`, from the raw text when there is one.
    ///
    /// # Errors
    ///
    /// serde_json's error when the value is not a `T`.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match &self.inner {
            Inner::Raw(raw) => serde_json::from_str(raw.get()),
            Inner::Value(value) => T::deserialize(value),
        }
    }

    /// The string value of the top-level property `property`, if the value is an object that
    /// has it and it is a string.
    pub fn tag(&self, property: &str) -> Option<String> {
        match &self.inner {
            Inner::Raw(raw) => {
                let mut deserializer = serde_json::Deserializer::from_str(raw.get());
                TagSeed { property }
                    .deserialize(&mut deserializer)
                    .ok()
                    .flatten()
            }
            Inner::Value(value) => value.get(property)?.as_str().map(str::to_owned),
        }
    }

    /// The value as a `serde_json::Value`, for a catch-all variant.
    ///
    /// # Errors
    ///
    /// serde_json's error, should the raw text not parse again (it always does).
    pub fn into_value(self) -> Result<Value, serde_json::Error> {
        match self.inner {
            Inner::Raw(raw) => serde_json::from_str(raw.get()),
            Inner::Value(value) => Ok(value),
        }
    }
}

/// Finds one property of a JSON object without decoding the others.
struct TagSeed<'a> {
    /// The property looked for.
    property: &'a str,
}

impl<'de> DeserializeSeed<'de> for TagSeed<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TagSeed<'_> {
    type Value = Option<String>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if found.is_none() && key == self.property {
                found = Some(map.next_value::<Value>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found.and_then(|value| value.as_str().map(str::to_owned)))
    }
}

/// The error of a union none of whose variants decodes the value, listing why each failed:
/// "no variant of `Pet` matches: Cat: missing field `meow`; Dog: …".
pub fn no_variant<E: de::Error>(union: &str, failures: &[(&str, serde_json::Error)]) -> E {
    let reasons: Vec<String> = failures
        .iter()
        .map(|(variant, error)| format!("{variant}: {error}"))
        .collect();
    if reasons.is_empty() {
        E::custom(format_args!("no variant of `{union}` matches"))
    } else {
        E::custom(format_args!(
            "no variant of `{union}` matches: {}",
            reasons.join("; ")
        ))
    }
}

/// Writes `value`, which must serialize as an object, with the property `property` set to
/// `tag` added first. A property of the value with the same name is left out, so the tag
/// appears once.
///
/// # Errors
///
/// The serializer's error, or an error when the value does not serialize as an object.
pub fn serialize_with_tag<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    property: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    map.serialize_entry(property, tag)?;
    value.serialize(Fields {
        map: &mut map,
        skip: property,
    })?;
    map.end()
}

/// A serializer that forwards an object's entries into a map already being written, and
/// refuses anything that is not an object.
struct Fields<'a, M> {
    /// The map the entries go into.
    map: &'a mut M,
    /// The property to leave out: the tag, already written.
    skip: &'a str,
}

/// The error for a value that is not an object.
fn not_an_object<E: ser::Error>(found: &str) -> E {
    E::custom(format_args!(
        "a tagged union variant must serialize as an object, not {found}"
    ))
}

/// Implements the `Serializer` methods for non-objects, each refusing with `not_an_object`.
macro_rules! refuse {
    ($($method:ident($($argument:ty),*) => $found:literal;)*) => {
        $(fn $method(self, $(_: $argument),*) -> Result<(), M::Error> {
            Err(not_an_object($found))
        })*
    };
}

impl<'a, M: SerializeMap> Serializer for Fields<'a, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = FieldsMap<'a, M>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), M::Error>;

    refuse! {
        serialize_bool(bool) => "a boolean";
        serialize_i8(i8) => "a number";
        serialize_i16(i16) => "a number";
        serialize_i32(i32) => "a number";
        serialize_i64(i64) => "a number";
        serialize_u8(u8) => "a number";
        serialize_u16(u16) => "a number";
        serialize_u32(u32) => "a number";
        serialize_u64(u64) => "a number";
        serialize_f32(f32) => "a number";
        serialize_f64(f64) => "a number";
        serialize_char(char) => "a string";
        serialize_str(&str) => "a string";
        serialize_bytes(&[u8]) => "bytes";
        serialize_none() => "null";
        serialize_unit() => "null";
        serialize_unit_struct(&'static str) => "null";
        serialize_unit_variant(&'static str, u32, &'static str) => "a string";
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), M::Error> {
        Err(not_an_object("an enum variant"))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, M::Error> {
        Err(not_an_object("an array"))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, M::Error> {
        Err(not_an_object("an array"))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, M::Error> {
        Err(not_an_object("an array"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, M::Error> {
        Err(not_an_object("an enum variant"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, M::Error> {
        Ok(FieldsMap {
            map: self.map,
            skip: self.skip,
            skipping: false,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, M::Error> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, M::Error> {
        Err(not_an_object("an enum variant"))
    }
}

impl<M: SerializeMap> SerializeStruct for Fields<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        if key == self.skip {
            return Ok(());
        }
        self.map.serialize_entry(key, value)
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

/// The entries of a value that serializes as a map (such as a struct with a flattened field).
struct FieldsMap<'a, M> {
    /// The map the entries go into.
    map: &'a mut M,
    /// The property to leave out.
    skip: &'a str,
    /// Whether the value about to come belongs to a left-out key.
    skipping: bool,
}

impl<M: SerializeMap> SerializeMap for FieldsMap<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        // Keys are compared as JSON strings; a key that is not one cannot be the tag.
        self.skipping =
            matches!(serde_json::to_value(key), Ok(Value::String(text)) if text == self.skip);
        if self.skipping {
            return Ok(());
        }
        self.map.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        if std::mem::take(&mut self.skipping) {
            return Ok(());
        }
        self.map.serialize_value(value)
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}
