//! Which enums may have one variant far larger than another: Clippy's `large_enum_variant`
//! flags an enum whose largest variant is 200 bytes or more larger than the next, and the
//! generated enums allow it there and only there (the variants hold the API's values by
//! value, as struct fields do; boxing them would cost every user an allocation and a clumsier
//! match).
//!
//! The sizes are not known until rustc lays the types out, so each type gets bounds: a size
//! it cannot be below and one it cannot be above, on a 64-bit target. An enum is marked when
//! some variant's upper bound exceeds every other variant's lower bound by the threshold; when
//! none does, no layout can make Clippy flag it. A serde_json `Value` is counted with
//! `preserve_order` on (72 bytes) as its upper bound, since any crate in a user's program can
//! turn that feature on.

use std::collections::BTreeMap;

use crate::ir::{Api, IntegerRepr, Model, ModelId, ModelKind, Outcome, ResponseBody, TypeRef};

/// Clippy's default `enum-variant-size-threshold`.
const THRESHOLD: u64 = 200;

/// A size's lower and upper bound, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub(crate) low: u64,
    pub(crate) high: u64,
}

impl Bounds {
    const fn exact(size: u64) -> Self {
        Bounds {
            low: size,
            high: size,
        }
    }
}

/// The bounds of the runtime's and the standard library's types, checked against the real
/// sizes by `runtime_sizes_are_within_their_bounds` below.
pub(crate) const STRING: Bounds = Bounds::exact(24);
pub(crate) const DATE_TIME: Bounds = Bounds::exact(56);
pub(crate) const DECIMAL: Bounds = Bounds::exact(16);
pub(crate) const JSON_VALUE: Bounds = Bounds { low: 32, high: 72 };

/// Marks every union and status enum whose variants may differ in size by the threshold.
pub(super) fn decide_large_variants(api: &mut Api) {
    let mut sizes = Sizes {
        models: &api.models,
        known: BTreeMap::new(),
    };
    let mut marks = Vec::new();
    for model in &api.models {
        let variants: Vec<Bounds> = match &model.kind {
            ModelKind::TaggedUnion(union) => union
                .variants
                .iter()
                .map(|variant| sizes.held(&variant.ty, variant.boxed))
                .chain([JSON_VALUE])
                .collect(),
            ModelKind::UntaggedUnion(union) => union
                .variants
                .iter()
                .map(|variant| sizes.held(&variant.ty, variant.boxed))
                .collect(),
            _ => continue,
        };
        marks.push((model.id, may_differ(&variants)));
    }
    let mut status_marks = Vec::new();
    for (index, operation) in api.operations.iter().enumerate() {
        for (side, outcome) in [&operation.call.success, &operation.call.error]
            .into_iter()
            .enumerate()
        {
            if let Outcome::ByStatus(status_enum) = outcome {
                let variants: Vec<Bounds> = status_enum
                    .variants
                    .iter()
                    .map(|variant| match &variant.body {
                        Some(ResponseBody::Json(ty)) => sizes.of(ty),
                        Some(ResponseBody::Text) => STRING,
                        Some(ResponseBody::Binary) => Bounds::exact(32),
                        None => Bounds::exact(0),
                    })
                    .collect();
                status_marks.push((index, side, may_differ(&variants)));
            }
        }
    }
    for (id, large) in marks {
        match &mut api.models[id.0].kind {
            ModelKind::TaggedUnion(union) => union.large_variant = large,
            ModelKind::UntaggedUnion(union) => union.large_variant = large,
            _ => {}
        }
    }
    for (index, side, large) in status_marks {
        let call = &mut api.operations[index].call;
        let outcome = if side == 0 {
            &mut call.success
        } else {
            &mut call.error
        };
        if let Outcome::ByStatus(status_enum) = outcome {
            status_enum.large_variant = large;
        }
    }
}

/// Whether some variant may be the threshold larger than every other.
fn may_differ(variants: &[Bounds]) -> bool {
    variants.iter().enumerate().any(|(index, variant)| {
        let others = variants
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .map(|(_, other)| other.low)
            .max()
            .unwrap_or(0);
        variant.high >= others + THRESHOLD
    })
}

/// Size bounds of types, remembered per model.
struct Sizes<'api> {
    models: &'api [Model],
    known: BTreeMap<ModelId, Bounds>,
}

impl Sizes<'_> {
    /// A value held in a field or variant, boxed or not.
    fn held(&mut self, ty: &TypeRef, boxed: bool) -> Bounds {
        if boxed {
            Bounds::exact(8)
        } else {
            self.of(ty)
        }
    }

    fn of(&mut self, ty: &TypeRef) -> Bounds {
        match ty {
            TypeRef::Bool => Bounds::exact(1),
            TypeRef::Integer(repr) => Bounds::exact(integer_size(*repr)),
            TypeRef::F64 => Bounds::exact(8),
            TypeRef::Decimal => DECIMAL,
            TypeRef::String | TypeRef::Vec(_) | TypeRef::Map(_) => STRING,
            TypeRef::DateTime => DATE_TIME,
            TypeRef::Json => JSON_VALUE,
            TypeRef::Model(id) => self.model(*id),
            TypeRef::Tuple(items) => {
                let parts: Vec<Bounds> = items.iter().map(|item| self.of(item)).collect();
                sum(&parts)
            }
        }
    }

    fn model(&mut self, id: ModelId) -> Bounds {
        if let Some(known) = self.known.get(&id) {
            return *known;
        }
        // A model reached again while its own size is being found is held through a box or
        // a collection (boxing has made sure of it); this stands in until it is known.
        self.known.insert(id, Bounds { low: 0, high: 8 });
        let models = self.models;
        let bounds = match &models[id.0].kind {
            ModelKind::Struct(structure) => {
                let mut parts: Vec<Bounds> = structure
                    .fields
                    .iter()
                    .map(|field| {
                        let value = self.held(&field.ty, field.boxed);
                        if field.required && !field.nullable {
                            value
                        } else {
                            optional(value)
                        }
                    })
                    .collect();
                if structure.additional.is_some() {
                    parts.push(STRING);
                }
                sum(&parts)
            }
            ModelKind::StringEnum(_) => Bounds { low: 24, high: 32 },
            ModelKind::IntegerEnum(integer_enum) => {
                let size = integer_size(integer_enum.repr);
                Bounds {
                    low: size,
                    high: size * 2,
                }
            }
            ModelKind::TaggedUnion(union) => {
                let variants: Vec<Bounds> = union
                    .variants
                    .iter()
                    .map(|variant| self.held(&variant.ty, variant.boxed))
                    .chain([JSON_VALUE])
                    .collect();
                enumeration(&variants)
            }
            ModelKind::UntaggedUnion(union) => {
                let variants: Vec<Bounds> = union
                    .variants
                    .iter()
                    .map(|variant| self.held(&variant.ty, variant.boxed))
                    .collect();
                enumeration(&variants)
            }
            // A form is never held by another model; its parts are options of files or text.
            ModelKind::MultipartForm(_) => Bounds { low: 0, high: 8 },
            ModelKind::Alias(target) | ModelKind::Newtype(target) => self.of(target),
        };
        self.known.insert(id, bounds);
        bounds
    }
}

fn integer_size(repr: IntegerRepr) -> u64 {
    match repr {
        IntegerRepr::I8 | IntegerRepr::U8 => 1,
        IntegerRepr::I16 | IntegerRepr::U16 => 2,
        IntegerRepr::I32 | IntegerRepr::U32 => 4,
        IntegerRepr::I64 | IntegerRepr::U64 => 8,
        IntegerRepr::I128 | IntegerRepr::U128 => 16,
    }
}

/// `Option<T>`: no smaller than `T` (a niche may hold `None`), at most a tag and padding more.
fn optional(value: Bounds) -> Bounds {
    Bounds {
        low: value.low,
        high: value.high + 16,
    }
}

/// A struct of these fields: at least their sizes together; at most that, rounded up to the
/// largest alignment (rustc orders fields so that padding gathers at the end).
fn sum(parts: &[Bounds]) -> Bounds {
    let low = parts.iter().map(|part| part.low).sum();
    let high: u64 = parts.iter().map(|part| part.high).sum();
    Bounds {
        low,
        high: high.div_ceil(16) * 16,
    }
}

/// An enum of these variants: at least its largest; at most that, a tag and padding.
fn enumeration(variants: &[Bounds]) -> Bounds {
    Bounds {
        low: variants
            .iter()
            .map(|variant| variant.low)
            .max()
            .unwrap_or(0),
        high: variants
            .iter()
            .map(|variant| variant.high)
            .max()
            .unwrap_or(0)
            + 16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_sizes_are_within_their_bounds() {
        let within = |bounds: Bounds, size: usize| {
            let size = size as u64;
            bounds.low <= size && size <= bounds.high
        };
        assert!(within(STRING, std::mem::size_of::<String>()));
        assert!(within(
            DATE_TIME,
            std::mem::size_of::<openapi_client_runtime::DateTime>()
        ));
        assert!(within(
            DECIMAL,
            std::mem::size_of::<openapi_client_runtime::Decimal>()
        ));
        assert!(within(JSON_VALUE, std::mem::size_of::<serde_json::Value>()));
    }

    #[test]
    fn an_enum_is_marked_only_when_a_gap_is_possible() {
        let small = Bounds::exact(24);
        let large = Bounds {
            low: 100,
            high: 240,
        };
        assert!(may_differ(&[small, large]));
        assert!(!may_differ(&[small, Bounds::exact(200)]));
        assert!(may_differ(&[Bounds::exact(0), Bounds::exact(200)]));
        assert!(!may_differ(&[large, large]));
    }
}
