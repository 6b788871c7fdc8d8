/** 承诺书 shown before an inspection or a deferral is submitted. */
export const COMMITMENT_LETTER =
  '本人郑重承诺：所填报的个人信息和上传的材料真实、准确、完整；本人遵守注册会计师行业的法律法规和职业道德规范，' +
  '按规定参加继续教育并缴纳会费；如有虚假或隐瞒，本人愿承担由此产生的一切责任，并接受所属地方注册会计师协会的处理。'
