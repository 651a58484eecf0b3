//! What a schema becomes: the one decision every schema goes through before it is lowered.
//!
//! The rules, in order:
//! 1. `oneOf`/`anyOf`: members that only constrain (`{required: [a]}`) are set aside, and
//!    members that only admit `null` (`{nullable: true}`, `{enum: [null]}`, `{}` in an
//!    `anyOf`) make the result nullable. No member left: the keyword was a constraint and the
//!    rest of the schema decides. One member left: that member. Several: a union, unless the
//!    schema also has its own properties, items or `allOf`, which no Rust type combines with a
//!    union.
//! 2. `allOf`: an `allOf` of one schema (a wrapper that adds docs or `nullable` to a
//!    reference) is that schema; otherwise the members are merged into one struct.
//! 3. `enum`: an enumeration, typed by its values.
//! 4. Otherwise the type (declared, or implied by the keywords): a scalar by its `format`, an
//!    array, a map (an object without properties) or a struct.
//! 5. No type at all: any JSON value. `not` alone cannot be typed, and says so.

use openapiv3::ReferenceOr;
use openapiv3::{Schema, SchemaData};

use super::view::{Declared, SchemaView};
use crate::ir::{IntegerRepr, TypeRef};
use crate::lower::{Lowerer, SchemaRef};

/// What a schema becomes.
#[derive(Debug)]
pub(super) enum Class<'spec> {
    /// Any JSON value, as the schema says (`{}`): no warning.
    Any,
    /// Any JSON value, because the generator cannot do better: the reason, for the warning.
    Degraded(String),
    /// A scalar or other plain type, with a warning when its format is not known.
    Plain(TypeRef, Option<String>),
    /// An array of `items` (any JSON value when there are none).
    Array(Option<&'spec ReferenceOr<Box<Schema>>>),
    /// An object without properties: a map.
    Map,
    /// An object with properties: a struct.
    Struct,
    /// An `allOf` merged into one struct.
    AllOf,
    /// An enumeration.
    Enum,
    /// A union of the members left after filtering (at least two).
    Union(UnionMembers<'spec>),
    /// The one member left of a union or `allOf`; `nullable` when a filtered member or the
    /// wrapper admitted `null`.
    Collapse {
        member: SchemaRef<'spec>,
        /// The member's pointer, for errors inside it.
        at_suffix: String,
        nullable: bool,
    },
}

/// The members of a union after filtering.
#[derive(Debug)]
pub(super) struct UnionMembers<'spec> {
    /// `oneOf` or `anyOf`.
    pub(super) keyword: &'static str,
    /// Each member with its index in the keyword's list.
    pub(super) members: Vec<(usize, SchemaRef<'spec>)>,
    /// Whether a filtered member admitted `null`.
    pub(super) nullable: bool,
}

/// The Rust integer type for an integer `format`, or `None` for a format the generator does
/// not know.
pub(super) fn integer_repr(format: Option<&str>) -> Option<IntegerRepr> {
    Some(match format {
        None | Some("int64") => IntegerRepr::I64,
        Some("int8") => IntegerRepr::I8,
        Some("int16") => IntegerRepr::I16,
        Some("int32") => IntegerRepr::I32,
        Some("int128") => IntegerRepr::I128,
        Some("uint8") => IntegerRepr::U8,
        Some("uint16") => IntegerRepr::U16,
        Some("uint32") => IntegerRepr::U32,
        Some("uint64") => IntegerRepr::U64,
        Some("uint128") => IntegerRepr::U128,
        Some(_) => return None,
    })
}

impl<'spec> Lowerer<'spec> {
    /// Decides what the schema viewed by `view` becomes.
    pub(super) fn classify(&self, view: &SchemaView<'spec>) -> Class<'spec> {
        if !view.one_of.is_empty() || !view.any_of.is_empty() {
            if let Some(class) = self.classify_union(view) {
                return class;
            }
        }
        if !view.all_of.is_empty() {
            return self.classify_all_of(view);
        }
        if !view.enumeration.is_empty() {
            return Class::Enum;
        }
        classify_by_type(view)
    }

    /// Rule 1; `None` when every member only constrains, so the rest of the schema decides.
    fn classify_union(&self, view: &SchemaView<'spec>) -> Option<Class<'spec>> {
        let (keyword, list) = if view.one_of.is_empty() {
            ("anyOf", view.any_of)
        } else {
            ("oneOf", view.one_of)
        };
        let mut members = Vec::new();
        let mut nullable = false;
        for (index, member) in list.iter().enumerate() {
            let member = SchemaRef::from_plain(member);
            match member {
                SchemaRef::Inline(schema) => {
                    let member_view = SchemaView::of(schema);
                    if admits_only_null(&member_view) || member_view.is_unconstrained() {
                        nullable = true;
                    } else if !member_view.is_constraint_only() {
                        members.push((index, member));
                    }
                }
                SchemaRef::Ref(_) => members.push((index, member)),
            }
        }
        let own_structure =
            view.has_properties() || view.items.is_some() || !view.all_of.is_empty();
        // The one member that stands for the union: the only member left, or the enum of the
        // open-enum idiom.
        let single = match members.len() {
            1 => Some(0),
            2 => self.open_enum_idiom(&members),
            _ => None,
        };
        match (members.len(), single) {
            (0, _) if nullable && !own_structure && view.effective_type() == Declared::None => {
                Some(Class::Any)
            }
            (0, _) => None,
            _ if own_structure => Some(Class::Degraded(format!(
                "a schema with both its own `properties`, `items` or `allOf` and a `{keyword}` \
                 cannot be expressed as one Rust type"
            ))),
            (_, Some(position)) => {
                let (index, member) = members.remove(position);
                Some(Class::Collapse {
                    member,
                    at_suffix: format!("{keyword}/{index}"),
                    nullable: nullable || view.data.nullable,
                })
            }
            _ => Some(Class::Union(UnionMembers {
                keyword,
                members,
                nullable,
            })),
        }
    }

    /// The position of the enum in the open-enum idiom `[{enum: [...]}, {plain type}]` (in
    /// either order, the enum possibly a reference): our enums already keep unknown values,
    /// so the idiom is just the enum.
    fn open_enum_idiom(&self, members: &[(usize, SchemaRef<'spec>)]) -> Option<usize> {
        let [(_, first), (_, second)] = members else {
            return None;
        };
        let shape = |member: SchemaRef<'spec>| {
            let schema = self.peek_schema(member)?;
            let view = SchemaView::of(schema);
            Some((!view.enumeration.is_empty(), view.effective_type()))
        };
        let (first, second) = (shape(*first)?, shape(*second)?);
        let plain_type = |declared| matches!(declared, Declared::String | Declared::Integer);
        match (first, second) {
            ((true, left), (false, right)) if left == right && plain_type(left) => Some(0),
            ((false, left), (true, right)) if left == right && plain_type(left) => Some(1),
            _ => None,
        }
    }

    /// Rule 2.
    fn classify_all_of(&self, view: &SchemaView<'spec>) -> Class<'spec> {
        let structural: Vec<(usize, SchemaRef<'spec>)> = view
            .all_of
            .iter()
            .enumerate()
            .map(|(index, member)| (index, SchemaRef::from_plain(member)))
            .filter(|(_, member)| match member {
                SchemaRef::Inline(schema) => !SchemaView::of(schema).is_constraint_only(),
                SchemaRef::Ref(_) => true,
            })
            .collect();
        let own_object = view.has_properties() || view.additional.is_some();
        if let [(index, member)] = structural.as_slice() {
            if !own_object && view.enumeration.is_empty() {
                return Class::Collapse {
                    member: *member,
                    at_suffix: format!("allOf/{index}"),
                    nullable: view.data.nullable,
                };
            }
        }
        let objects = structural
            .iter()
            .filter(|(_, member)| self.is_object_like(*member))
            .count();
        if objects == structural.len() {
            Class::AllOf
        } else if structural.is_empty() && !own_object {
            classify_by_type(view)
        } else {
            Class::Degraded(
                "an `allOf` whose members are not all object schemas (or that combines a union) \
                 cannot be merged into one struct"
                    .to_owned(),
            )
        }
    }

    /// Whether a schema (through references) is an object that an `allOf` can merge: an
    /// object schema, or an `allOf` of such.
    pub(super) fn is_object_like(&self, schema: SchemaRef<'spec>) -> bool {
        let Some(target) = self.peek_schema(schema) else {
            return false;
        };
        let view = SchemaView::of(target);
        let unions = !view.one_of.is_empty() || !view.any_of.is_empty();
        if unions && self.classify_union(&view).is_some() {
            return false;
        }
        view.effective_type() == Declared::Object
            || (!view.all_of.is_empty() && view.enumeration.is_empty())
            || (view.is_constraint_only() && view.declared == Declared::None)
    }

    /// Whether the value at a position may be `null`: the position's own `nullable`, that of
    /// the schema a reference points to, a `null` among its enum values, or a union member
    /// that admits only `null` (`anyOf: [X, {nullable: true}]`).
    pub(super) fn is_nullable(&self, schema: SchemaRef<'spec>, own: Option<&SchemaData>) -> bool {
        if own.is_some_and(|data| data.nullable) {
            return true;
        }
        let Some(target) = self.peek_schema(schema) else {
            return false;
        };
        let view = SchemaView::of(target);
        view.admits_null()
            || match self.classify(&view) {
                Class::Collapse { nullable, .. } => nullable,
                Class::Union(members) => members.nullable,
                _ => false,
            }
    }
}

/// `{type: 'null'}`, `{enum: [null]}` or `{nullable: true}` alone.
fn admits_only_null(view: &SchemaView<'_>) -> bool {
    let only_null_enum =
        !view.enumeration.is_empty() && view.enumeration.iter().all(serde_json::Value::is_null);
    view.declared == Declared::Other("null")
        || only_null_enum
        || (view.data.nullable && view.is_unconstrained())
}

/// Rules 4 and 5.
fn classify_by_type<'spec>(view: &SchemaView<'spec>) -> Class<'spec> {
    match view.effective_type() {
        Declared::Boolean => Class::Plain(TypeRef::Bool, None),
        Declared::Integer => match integer_repr(view.format.as_deref()) {
            Some(repr) => Class::Plain(TypeRef::Integer(repr), None),
            None => Class::Plain(
                TypeRef::Integer(crate::ir::IntegerRepr::I64),
                Some(format!(
                    "unknown integer format `{}`; it is read as `i64`",
                    view.format.as_deref().unwrap_or_default()
                )),
            ),
        },
        Declared::Number => match view.format.as_deref() {
            None | Some("double" | "float") => Class::Plain(TypeRef::F64, None),
            Some("decimal") => Class::Plain(TypeRef::Decimal, None),
            Some(other) => Class::Plain(
                TypeRef::F64,
                Some(format!(
                    "unknown number format `{other}`; it is read as `f64`"
                )),
            ),
        },
        Declared::String => match view.format.as_deref() {
            Some("date-time") => Class::Plain(TypeRef::DateTime, None),
            _ => Class::Plain(TypeRef::String, None),
        },
        Declared::Array => Class::Array(view.items),
        Declared::Object if view.has_properties() => Class::Struct,
        Declared::Object => Class::Map,
        Declared::Other(other) => {
            Class::Degraded(format!("`type: {other}` is not an OpenAPI 3.0 type"))
        }
        Declared::None if view.not => {
            Class::Degraded("`not` cannot be expressed as a Rust type".to_owned())
        }
        Declared::None => Class::Any,
    }
}
