//! `oneOf`/`anyOf` → unions.
//!
//! With a `discriminator` whose every variant is an object with a known tag value, the union
//! is tagged: the tag values come from `discriminator.mapping`, else from a single-value `enum`
//! (or `const`) on the member's own tag property, else from the component name a member
//! references. The pinned value comes before the component name, although OpenAPI's implicit
//! mapping is the name: a member that allows only `role: user` would refuse every body sent
//! with `role: ChatCompletionRequestUserMessage` (OpenAI's messages are such members).
//! Decoding reads the tag and decodes the variant it names; an unknown or missing tag is kept
//! in the catch-all variant with its body, so a variant added to the API later still decodes.
//!
//! Otherwise the union is untagged: its variants are tried in turn and the first that decodes
//! wins, so `finish` orders them most specific first (see `finish.rs`). Variants are named
//! after the model a member references, else the member's `title`, else its type (`String`,
//! `Integer`, `Array`, `Object`, ...). Two members of the same Rust type are one variant.

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::classify::UnionMembers;
use super::view::SchemaView;
use super::Hint;
use crate::ir::{
    Docs, ModelKind, TaggedUnion, TaggedVariant, TypeRef, UntaggedUnion, UntaggedVariant,
};
use crate::lower::docs;
use crate::lower::{Lowerer, SchemaRef};
use crate::names::{self, Namespace};
use crate::pointer;

/// A member on its way to becoming a tagged variant.
struct TaggedMember<'spec> {
    schema: SchemaRef<'spec>,
    at: String,
    tag_values: Vec<String>,
}

impl<'spec> Lowerer<'spec> {
    /// Lowers a union (two or more members after filtering).
    pub(super) fn lower_union(
        &mut self,
        view: &SchemaView<'spec>,
        members: UnionMembers<'spec>,
        at: &str,
        hint: &Hint,
    ) -> ModelKind {
        if let Some(discriminator) = &view.data.discriminator {
            if let Some(tagged) = self.tagged_members(discriminator, &members, at) {
                return ModelKind::TaggedUnion(self.lower_tagged(discriminator, tagged, hint));
            }
        }
        ModelKind::UntaggedUnion(self.lower_untagged(&members, at, hint))
    }

    /// The members with their tag values, or `None` when some member is not an object, has
    /// no tag value the document gives, or shares its tag value with another member.
    fn tagged_members(
        &mut self,
        discriminator: &'spec Discriminator,
        members: &UnionMembers<'spec>,
        at: &str,
    ) -> Option<Vec<TaggedMember<'spec>>> {
        let keyword_at = pointer::child(at, members.keyword);
        let mut tagged = Vec::new();
        for (index, member) in &members.members {
            if !self.is_object_like(*member) {
                return None;
            }
            let member_at = pointer::index(&keyword_at, *index);
            let tag_values = match member {
                SchemaRef::Ref(reference) => {
                    let target = pointer::canonical_reference(reference)?;
                    let mapped = mapped_values(discriminator, &target);
                    if !mapped.is_empty() {
                        mapped
                    } else if let Some(pinned) = self
                        .peek_schema(*member)
                        .and_then(|schema| single_tag_value(schema, &discriminator.property_name))
                    {
                        vec![pinned]
                    } else {
                        vec![pointer::local_reference_segments(reference)?.pop()?]
                    }
                }
                SchemaRef::Inline(schema) => {
                    vec![single_tag_value(schema, &discriminator.property_name)?]
                }
            };
            tagged.push(TaggedMember {
                schema: *member,
                at: member_at,
                tag_values,
            });
        }
        // Two members pinned to one value cannot be told apart by the tag: the union is then
        // untagged, its members tried in turn.
        let mut values: Vec<&String> = tagged
            .iter()
            .flat_map(|member| &member.tag_values)
            .collect();
        values.sort_unstable();
        let count = values.len();
        values.dedup();
        (values.len() == count).then_some(tagged)
    }

    fn lower_tagged(
        &mut self,
        discriminator: &'spec Discriminator,
        members: Vec<TaggedMember<'spec>>,
        hint: &Hint,
    ) -> TaggedUnion {
        let mut variant_names = Namespace::new(names::VARIANT);
        let mut variants = Vec::new();
        for member in members {
            let first_tag = member
                .tag_values
                .first()
                .cloned()
                .expect("tagged_members gives every member a tag value");
            let ty = self.lower_type(member.schema, &member.at, &hint.member(&first_tag));
            let base = match &ty {
                TypeRef::Model(id) => self.model_name(*id),
                _ => first_tag.clone(),
            };
            let shown: Vec<String> = member
                .tag_values
                .iter()
                .map(|value| docs::code(value))
                .collect();
            variants.push(TaggedVariant {
                rust_name: variant_names.claim(&base),
                tag_values: member.tag_values,
                ty,
                boxed: false,
                docs: Docs {
                    text: format!(
                        "The variant whose {} is {}.",
                        docs::code(&discriminator.property_name),
                        shown.join(" or ")
                    ),
                    notes: Vec::new(),
                },
            });
        }
        TaggedUnion {
            tag: discriminator.property_name.clone(),
            variants,
            catch_all: variant_names.claim_catch_all(),
            // Decided once every model exists (`finish/sizes.rs`).
            large_variant: false,
        }
    }

    fn lower_untagged(
        &mut self,
        members: &UnionMembers<'spec>,
        at: &str,
        hint: &Hint,
    ) -> UntaggedUnion {
        let keyword_at = pointer::child(at, members.keyword);
        let mut variant_names = Namespace::new(names::VARIANT);
        let mut variants: Vec<UntaggedVariant> = Vec::new();
        for (index, member) in &members.members {
            let member_at = pointer::index(&keyword_at, *index);
            let title = match member {
                SchemaRef::Inline(schema) => schema.schema_data.title.clone(),
                SchemaRef::Ref(_) => None,
            };
            let part = title
                .clone()
                .unwrap_or_else(|| format!("variant {}", index + 1));
            let ty = self.lower_type(*member, &member_at, &hint.member(&part));
            if variants.iter().any(|variant| variant.ty == ty) {
                continue;
            }
            let base = match (&ty, title) {
                (TypeRef::Model(id), _) => self.model_name(*id),
                (_, Some(title)) => title,
                (other, None) => type_word(other).to_owned(),
            };
            let member_docs = match member {
                SchemaRef::Inline(schema) => docs::schema_text(&schema.schema_data),
                SchemaRef::Ref(_) => None,
            };
            let rust_name = variant_names.claim(&base);
            variants.push(UntaggedVariant {
                rust_name,
                ty,
                boxed: false,
                docs: docs::described(member_docs),
            });
        }
        UntaggedUnion {
            variants,
            // Decided once every model exists (`finish/sizes.rs`).
            large_variant: false,
        }
    }
}

/// The tag values `mapping` gives for the schema at `target` (a canonical pointer). Mapping
/// values are references or, as a shorthand, bare component names.
fn mapped_values(discriminator: &Discriminator, target: &str) -> Vec<String> {
    discriminator
        .mapping
        .iter()
        .filter(|(_, reference)| {
            let canonical = if reference.starts_with('#') {
                pointer::canonical_reference(reference)
            } else {
                Some(pointer::child("#/components/schemas", reference))
            };
            canonical.as_deref() == Some(target)
        })
        .map(|(value, _)| value.clone())
        .collect()
}

/// The one value an inline member's tag property allows (`enum: [cat]`), if it says so.
fn single_tag_value(schema: &Schema, property: &str) -> Option<String> {
    let view = SchemaView::of(schema);
    let (_, tag) = view.properties().find(|(name, _)| *name == property)?;
    let ReferenceOr::Item(tag) = tag else {
        return None;
    };
    match SchemaView::of(tag).enumeration.as_slice() {
        [serde_json::Value::String(value)] => Some(value.clone()),
        _ => None,
    }
}

/// A variant name for a member with no model and no title.
fn type_word(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Bool => "Boolean",
        TypeRef::Integer(_) => "Integer",
        TypeRef::F64 | TypeRef::Decimal => "Number",
        TypeRef::String => "String",
        TypeRef::DateTime => "DateTime",
        TypeRef::Json => "Value",
        TypeRef::Vec(_) | TypeRef::Tuple(_) => "Array",
        TypeRef::Map(_) => "Map",
        TypeRef::Model(_) => "Object",
    }
}
