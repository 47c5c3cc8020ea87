MATCH (pv:Province)
WITH pv ORDER BY pv.code
WITH collect(pv) AS provinces
RETURN {`per_province`: COLLECT { UNWIND provinces AS pv WITH pv ORDER BY pv.code RETURN {`code`: pv.code, `joined`: COUNT { (pv)<-[:IN_PROVINCE]-(pf_m:Municipality) WHERE pf_m.participation = 'JOINED' }, `published_practices`: COUNT { MATCH (pv)<-[:IN_PROVINCE]-(:Municipality)<-[:APPLIED_IN]-(pf_x) WHERE pf_x.status = 'PUBLISHED' RETURN DISTINCT pf_x }} }} AS result
{}
