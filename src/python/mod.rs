//! What exists only to behave exactly as Python does, so that configs written for
//! bump-my-version give byte-identical results: the `re` dialect of parse and search patterns
//! ([`re`]), the `str.format` format-spec mini-language of templates ([`format_spec`]) with
//! `strftime` for times ([`strftime`]), and `repr`/`pprint` for `bump show` ([`repr`]). ConfigParser's rules live with the INI schema
//! (`config::ini`).

pub mod format_spec;
pub mod re;
pub mod repr;
pub mod strftime;
