//! A tagged union decides its tag on the wire: encoding a variant always writes the tag value
//! of that variant (the runtime's `serialize_with_tag` leaves out a tag property of the
//! variant's own value). And where a struct is used only as a variant of tagged unions with
//! one tag property, its own field for that property is dropped, so that
//! `Pet::Cat(Cat { pet_type: String::new(), .. })` cannot even be written: the variant is the
//! tag. A struct used anywhere else (a body, a field, an array's items) keeps the field,
//! since there it is the only place the value lives; inside a union it is still overridden.

use std::collections::BTreeMap;

use crate::ir::walk::{for_each_type, Holder, Slot};
use crate::ir::{Api, ModelId, ModelKind, TypeRef};

/// How a struct is used, as far as its tag field is concerned.
enum Uses<'api> {
    /// Only as variants of tagged unions, all with this tag property.
    OnlyTagged(&'api str),
    /// Elsewhere too, or as variants of unions with different tag properties.
    Other,
}

/// Drops each struct's tag field where only tagged unions use the struct.
pub(super) fn drop_owned_tags(api: &mut Api) {
    let mut uses: BTreeMap<ModelId, Uses<'_>> = BTreeMap::new();
    for_each_type(
        api,
        &mut |_: Holder, slot: Slot<'_>, ty: &TypeRef| match (slot, ty) {
            (Slot::TaggedVariant { tag, .. }, TypeRef::Model(id)) => {
                let entry = uses.entry(*id).or_insert(Uses::OnlyTagged(tag));
                if matches!(entry, Uses::OnlyTagged(known) if *known != tag) {
                    *entry = Uses::Other;
                }
            }
            (_, ty) => {
                for id in ty.model_ids() {
                    uses.insert(id, Uses::Other);
                }
            }
        },
    );
    let drops: Vec<(ModelId, String)> = uses
        .into_iter()
        .filter_map(|(id, use_)| match use_ {
            Uses::OnlyTagged(tag) => Some((id, tag.to_owned())),
            Uses::Other => None,
        })
        .collect();
    for (id, tag) in drops {
        if let Some(ModelKind::Struct(structure)) =
            api.models.get_mut(id.0).map(|model| &mut model.kind)
        {
            structure.fields.retain(|field| field.wire_name != tag);
        }
    }
}
