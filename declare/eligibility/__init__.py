"""资格预审 (申报条件): `outcomes` (the vocabulary and the Rule type), `conditions` (the rules of
105号 二 and `evaluate`), `carry` (which earlier application may be carried into a new call)."""
